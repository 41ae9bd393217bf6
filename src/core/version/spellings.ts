import type { Config } from "../../config.js";

/** The three spellings of one release: SemVer, git tag and image tag. */
export interface VersionStrings {
  /** SemVer without prefix: `1.5.0-rc.0`. */
  version: string;
  /** Git tag per `tags.format`: `v1.5.0-rc.0`. */
  tag: string;
  /** Image tag per `image.tag`: `1.5.0-rc.0`. */
  image: string;
}

/** Replaces `{version}`, `{tag}` and `{image}` in a configured format. */
export function renderFormat(format: string, strings: VersionStrings): string {
  return format
    .replaceAll("{version}", strings.version)
    .replaceAll("{tag}", strings.tag)
    .replaceAll("{image}", strings.image);
}

/** Spells a SemVer version the ways the configuration asks for. */
export function versionStrings(
  config: Pick<Config, "tags" | "image">,
  version: string,
): VersionStrings {
  const tag = config.tags.format.replaceAll("{version}", version);
  const image = config.image.tag.replaceAll("{version}", version).replaceAll("{tag}", tag);
  return { version, tag, image };
}
