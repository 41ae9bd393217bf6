import type { ConfigResult } from "../config.js";
import { type Command, parseCommands } from "../core/commands/parse.js";
import type { Delivery } from "./delivery.js";

export interface ReadCommands {
  commands: Command[];
  /** The configuration, when reading the comment already needed it. */
  loaded?: ConfigResult;
}

/**
 * The commands of a comment as this repository reads them. Most comments read the same with
 * or without Prow beside the bot and cost no API call; one whose `/help` or `/cherrypick` may
 * be Prow's is read after the configuration, so that the bot neither claims nor answers it
 * when `commands.prow` leaves it to Prow.
 */
export async function readCommands(delivery: Delivery, body: string): Promise<ReadCommands> {
  const alone = parseCommands(body);
  if (alone.length === 0) return { commands: alone };
  const besideProw = parseCommands(body, { prow: true });
  if (JSON.stringify(alone) === JSON.stringify(besideProw)) return { commands: alone };
  const loaded = await delivery.config();
  const prow = loaded.ok && loaded.config.commands.prow;
  return { commands: prow ? besideProw : alone, loaded };
}
