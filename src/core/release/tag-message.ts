import type { Config } from "../../config.js";
import { renderFormat, type VersionStrings } from "../version/spellings.js";

/** The message of a release's annotated tag, per `tags.message`. */
export function tagMessage(config: Pick<Config, "tags">, strings: VersionStrings): string {
  return renderFormat(config.tags.message, strings);
}
