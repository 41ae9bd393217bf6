import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../../src/config.js";
import { helpText } from "../../../src/core/commands/help.js";

function configured(raw: unknown) {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

describe("help under OWNERS", () => {
  it("says who may run the commands that write", () => {
    expect(helpText(defaultConfig)).toContain(
      "(commands that write need the `write` role or higher):",
    );
    expect(helpText(configured({ commands: { permission: "owners" } }))).toContain(
      "(commands that write need an approver in `OWNERS`):",
    );
    expect(
      helpText(
        configured({ commands: { permission: "owners-or-maintain", ownersFile: "RELEASERS" } }),
      ),
    ).toContain(
      "(commands that write need an approver in `RELEASERS` or the `maintain` role or higher):",
    );
  });

  it("says that anyone may ask for a pick and that it waits for an approver", () => {
    expect(helpText(defaultConfig)).not.toContain("waits until an approver");
    expect(helpText(configured({ cherryPick: { approval: "owners" } }))).toContain(
      "label `cherry-pick/release-1.5` does the same; anyone may ask, and a pick asked for by someone who is not an approver in `OWNERS` waits until an approver adds `cherry-pick-approved` or repeats the command |",
    );
    expect(
      helpText(configured({ cherryPick: { approval: "owners" }, checks: { approvalLabels: [] } })),
    ).toContain("waits until an approver repeats the command |");
  });

  it("refuses an unknown permission or approval, naming the choices", () => {
    const bad = parseConfig({
      commands: { permission: "approvers" },
      cherryPick: { approval: "yes" },
    });
    expect(bad.ok ? "" : bad.error).toMatch(
      /`commands\.permission` must be one of "write", "maintain", "admin", "owners", "owners-or-maintain"/,
    );
    expect(bad.ok ? "" : bad.error).toMatch(
      /`cherryPick\.approval` must be one of "none", "owners"/,
    );
  });
});
