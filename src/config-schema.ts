import { z } from "zod";
import { configSchema } from "./config.js";

/** JSON Schema of `.github/release-bot.yml` for editors, generated from the validating schema. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }),
    title: "release-bot configuration (.github/release-bot.yml)",
  };
}
