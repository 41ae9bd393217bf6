import { describe, expect, it } from "vitest";
import type { RootOwners } from "../../../src/core/owners/approvers.js";
import {
  namedApprovers,
  ownersProblemMessage,
  ownersRefusalMessage,
} from "../../../src/core/owners/refusal.js";

const owners: RootOwners = {
  approvers: ["alice", "Bob"],
  reviewers: ["carol"],
  emeritusApprovers: ["old"],
  fileApprovers: [{ login: "dana", pattern: "Chart\\.yaml$" }],
};

const base = { author: "carol", command: "/rc 1.5", file: "OWNERS", owners };

describe("ownersRefusalMessage", () => {
  it("tells a reviewer they are one, and whom to ask, without pinging anyone", () => {
    expect(ownersRefusalMessage({ ...base, standing: { kind: "reviewer" } })).toBe(
      "Sorry @carol, only approvers in `OWNERS` can run `/rc 1.5`; you are listed as a reviewer. Ask one of them (`alice`, `Bob`) to run it.",
    );
  });

  it.each([
    [{ kind: "none" as const }, "you are not listed there"],
    [
      { kind: "emeritus" as const },
      "you are listed as an emeritus approver, who no longer approves",
    ],
    [
      { kind: "file-approver" as const, pattern: "Chart\\.yaml$" },
      "you approve only the files matching `Chart\\.yaml$`, not the whole repository",
    ],
  ])("says what %j is", (standing, text) => {
    expect(ownersRefusalMessage({ ...base, standing })).toContain(`; ${text}. Ask one of them`);
  });

  it("names the role too with owners-or-maintain", () => {
    expect(ownersRefusalMessage({ ...base, standing: { kind: "none" }, role: "write" })).toBe(
      "Sorry @carol, only approvers in `OWNERS` or people with the `maintain` role or higher can run `/rc 1.5`; you are not listed there and your role is `write`. Ask one of them (`alice`, `Bob`) to run it.",
    );
  });

  it("says how to fix a file that names no approvers for the whole repository", () => {
    const none = { ...owners, approvers: [] };
    expect(
      ownersRefusalMessage({
        ...base,
        owners: none,
        file: "RELEASE_OWNERS",
        standing: { kind: "none" },
      }),
    ).toBe(
      'Sorry @carol, only approvers in `RELEASE_OWNERS` can run `/rc 1.5`; you are not listed there. `RELEASE_OWNERS` names no approvers for the whole repository (a top-level `approvers` list or a `".*"` filter): add them there.',
    );
  });
});

describe("namedApprovers", () => {
  it("names ten and counts the rest", () => {
    const many = Array.from({ length: 12 }, (_, i) => `user${i}`);
    expect(namedApprovers(many)).toBe(
      `${many
        .slice(0, 10)
        .map((l) => `\`${l}\``)
        .join(", ")} and 2 more`,
    );
    expect(namedApprovers(many.slice(0, 10))).not.toContain("more");
  });
});

describe("ownersProblemMessage", () => {
  it("names the file, the problem and the fix", () => {
    expect(ownersProblemMessage("/release 1.5", "OWNERS", "is not valid YAML: bad indent")).toBe(
      "`/release 1.5` was not run: `OWNERS` on the default branch is not valid YAML: bad indent. Fix it there (or point `commands.ownersFile` at the right file) and comment again.",
    );
  });
});
