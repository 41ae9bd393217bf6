import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config.js";
import { helpText } from "../../../src/core/commands/help.js";
import { parseCommands } from "../../../src/core/commands/parse.js";

describe("/status", () => {
  it("reads an optional release line", () => {
    expect(parseCommands("/status 1.5")).toEqual([{ name: "status", target: "1.5" }]);
    expect(parseCommands("/status")).toEqual([{ name: "status" }]);
    expect(parseCommands("/STATUS v1.5")).toEqual([{ name: "status", target: "v1.5" }]);
  });

  it("refuses options and a second line, with the usage", () => {
    expect(parseCommands("/status 1.5 1.4")).toEqual([
      {
        name: "invalid",
        command: "status",
        message:
          "`/status` takes at most one release line; usage: `/status [<major.minor>]`, for example `/status 1.5`.",
      },
    ]);
    expect(parseCommands("/status --all")[0]).toMatchObject({
      name: "invalid",
      message: expect.stringMatching(/^`\/status` takes no options/),
    });
  });

  it("suggests itself for a typo and is listed by /help", () => {
    expect(parseCommands("/stauts 1.5")).toEqual([
      { name: "unknown", command: "stauts", suggestion: "status" },
    ]);
    expect(helpText(defaultConfig)).toContain(
      "| `/status [1.5]` | the line's tags, untested commits",
    );
  });
});
