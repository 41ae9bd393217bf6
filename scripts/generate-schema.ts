import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../src/config-schema.js";

const target = new URL("../docs/release-bot.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
