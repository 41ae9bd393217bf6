import { describe, expect, it } from "vitest";
import { decodeState, encodeState, pickEntry } from "../../../src/core/line/dashboard-state.js";
import { releasersFit, releasersOf, releasersSection } from "../../../src/core/line/releasers.js";
import { isLineDone, type LineStatus, type Releasers } from "../../../src/core/line/status.js";
import { renderLineStatus } from "../../../src/core/line/status-markdown.js";
import type { OwnersRead } from "../../../src/core/owners/approvers.js";

const read: OwnersRead = {
  ok: true,
  file: "OWNERS",
  owners: { approvers: ["alice", "Bob"], reviewers: [], emeritusApprovers: [], fileApprovers: [] },
};
const broken: OwnersRead = { ok: false, file: "OWNERS_ALIASES", problem: "is not a YAML mapping" };
const owners = { permission: "owners" as const, ownersFile: "OWNERS" };

describe("releasersOf", () => {
  it("names a role without reading anything", () => {
    expect(releasersOf({ permission: "maintain", ownersFile: "OWNERS" }, null)).toEqual({
      kind: "role",
      minimum: "maintain",
    });
  });

  it("names the approvers read, or the file that could not be read", () => {
    expect(releasersOf(owners, read)).toEqual({
      kind: "owners",
      file: "OWNERS",
      approvers: ["alice", "Bob"],
      orMaintain: false,
    });
    expect(releasersOf({ permission: "owners-or-maintain", ownersFile: "OWNERS" }, broken)).toEqual(
      {
        kind: "owners-problem",
        file: "OWNERS",
        problemFile: "OWNERS_ALIASES",
        problem: "is not a YAML mapping",
        orMaintain: true,
      },
    );
  });
});

describe("releasersFit", () => {
  const stored: Releasers = { kind: "owners", file: "OWNERS", approvers: [], orMaintain: false };
  it("keeps what was stored while the configuration says the same", () => {
    expect(releasersFit(stored, owners)).toBe(true);
    expect(
      releasersFit({ kind: "role", minimum: "write" }, { ...owners, permission: "write" }),
    ).toBe(true);
    const either: Releasers = { ...stored, orMaintain: true };
    expect(releasersFit(either, { ...owners, permission: "owners-or-maintain" })).toBe(true);
    expect(releasersFit(either, { ...owners, permission: "maintain" })).toBe(false);
  });

  it("reads again when the permission, its file or its maintain clause changed, or nothing was stored", () => {
    expect(releasersFit(undefined, owners)).toBe(false);
    expect(releasersFit({ kind: "role", minimum: "write" }, owners)).toBe(false);
    expect(releasersFit(stored, { ...owners, permission: "write" })).toBe(false);
    expect(releasersFit(stored, { ...owners, permission: "owners-or-maintain" })).toBe(false);
    expect(releasersFit(stored, { ...owners, ownersFile: ".github/OWNERS" })).toBe(false);
  });
});

describe("releasersSection", () => {
  it("says each answer in one sentence, logins as code spans", () => {
    expect(releasersSection({ kind: "role", minimum: "write" })).toBe(
      "**Who may release:** people with the `write` role or higher on this repository.",
    );
    expect(releasersSection(releasersOf(owners, read))).toBe(
      "**Who may release:** the approvers in `OWNERS`: `alice`, `Bob`.",
    );
    expect(
      releasersSection({ kind: "owners", file: "OWNERS", approvers: ["a"], orMaintain: true }),
    ).toBe(
      "**Who may release:** the approvers in `OWNERS`: `a`; and people with the `maintain` role or higher.",
    );
    expect(
      releasersSection({ kind: "owners", file: "OWNERS", approvers: [], orMaintain: false }),
    ).toBe(
      "**Who may release:** nobody from `OWNERS`, which names no approvers for the whole repository.",
    );
    expect(releasersSection(releasersOf(owners, broken))).toBe(
      "**Who may release:** nobody until `OWNERS_ALIASES` on the default branch is fixed: it is not a YAML mapping.",
    );
    expect(
      releasersSection(releasersOf({ ...owners, permission: "owners-or-maintain" }, broken)),
    ).toBe(
      "**Who may release:** people with the `maintain` role or higher; no approver until `OWNERS_ALIASES` on the default branch is fixed: it is not a YAML mapping.",
    );
  });

  it("lists thirty approvers and counts the rest", () => {
    const many = Array.from({ length: 32 }, (_, i) => `u${i}`);
    const text = releasersSection({
      kind: "owners",
      file: "OWNERS",
      approvers: many,
      orMaintain: false,
    });
    expect(text).toContain("`u29` and 2 more.");
    expect(text).not.toContain("`u30`");
  });
});

describe("the dashboard's status", () => {
  const status: LineStatus = {
    line: "1.5",
    branch: "release-1.5",
    tags: [],
    untested: [],
    untestedCount: 0,
    picks: [
      pickEntry(
        { number: 7, title: "Fix" },
        { branch: "release-1.5", state: "awaiting", requester: "ana", label: "ok" },
        "https://github.com/o/r/pull/7#issuecomment-1",
      ),
    ],
    pulls: [],
    releasers: releasersOf(owners, read),
  };

  it("keeps who may release and the waiting picks through its hidden state", () => {
    expect(decodeState(encodeState(status))).toEqual(status);
    expect(decodeState(encodeState({ ...status, releasers: releasersOf(owners, broken) }))).toEqual(
      {
        ...status,
        releasers: releasersOf(owners, broken),
      },
    );
  });

  it("lists a waiting pick as open work, and ends naming who may release", () => {
    const text = renderLineStatus(
      {
        ...status,
        tags: [
          {
            name: "v1.5.0",
            version: "1.5.0",
            candidate: false,
            commit: "c".repeat(40),
            date: "2026-01-01",
          },
        ],
      },
      { repoUrl: "https://github.com/o/r", heading: false },
    );
    expect(text).toContain(
      "**Cherry-picks** (1 waiting)\n\n- waiting for an approver: #7 Fix ([status](https://github.com/o/r/pull/7#issuecomment-1))",
    );
    expect(text.endsWith("**Who may release:** the approvers in `OWNERS`: `alice`, `Bob`.")).toBe(
      true,
    );
    expect(
      isLineDone({
        ...status,
        tags: [{ name: "v1.5.0", version: "1.5.0", candidate: false, commit: "c", date: "d" }],
      }),
    ).toBe(false);
  });
});
