import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config.js";
import { helpCommand, helpText } from "../../../src/core/commands/help.js";

describe("help beside Prow", () => {
  const prow = { ...defaultConfig, commands: { ...defaultConfig.commands, prow: true } };

  it("is asked for with /release-bot help, and names only our label prefix", () => {
    expect(helpCommand(defaultConfig)).toBe("/help");
    expect(helpCommand(prow)).toBe("/release-bot help");
    const text = helpText(prow);
    expect(text).toContain("| `/release-bot help` | this list |");
    expect(text).toContain("label `cherry-pick/release-1.5` does the same");
    const prowFirst = {
      ...prow,
      cherryPick: { ...prow.cherryPick, labelPrefixes: ["cherrypick/", "cherry-pick/"] },
    };
    expect(helpText(prowFirst)).toContain("label `cherry-pick/release-1.5` does the same");
  });
});
