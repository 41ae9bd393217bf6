import { describe, expect, it } from "vitest";
import {
  decodeState,
  encodeState,
  pickEntry,
  withBranchReading,
  withPick,
  withTag,
} from "../../../src/core/line/dashboard-state.js";
import type { LineStatus, PickEntry } from "../../../src/core/line/status.js";
import type { TargetEntry } from "../../../src/core/pick/status.js";

const commit = (n: number) => ({ sha: String(n).padStart(40, "0"), title: `commit ${n}` });
const many = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function line(overrides: Partial<LineStatus> = {}): LineStatus {
  return {
    line: "1.5",
    branch: "release-1.5",
    tags: [],
    untested: [],
    untestedCount: 0,
    picks: [],
    pulls: [],
    ...overrides,
  };
}

const emptyReading = { untested: null, pulls: [], pickPulls: [] };

describe("the dashboard's hidden status", () => {
  it("is one HTML comment named for release-bot, and reads back with every section", () => {
    const states = ["pending", "open", "merged", "conflict", "closed", "other"] as const;
    const status = line({
      tags: [
        { name: "v1.5.0", version: "1.5.0", candidate: false, commit: "c".repeat(40), date: "d" },
      ],
      untested: [commit(1)],
      untestedCount: 1,
      picks: states.map((state, i) => ({ pr: i + 1, title: state, state, pickPr: 10 + i })),
      pulls: [{ number: 9, title: "Docs" }],
    });
    const hidden = encodeState(status);
    expect(hidden).toMatch(/^<!-- release-bot:dashboard-state [A-Za-z0-9+/=]+ -->$/);
    expect(decodeState(`# Release 1.5\n\n${hidden}\n`)).toEqual(status);
  });

  it("reads back who may release, in each of its three forms, and refuses a form it does not know", () => {
    const forms: NonNullable<LineStatus["releasers"]>[] = [
      { kind: "role", minimum: "maintain" },
      { kind: "owners", file: "OWNERS", approvers: ["ada", "grace"], orMaintain: true },
      {
        kind: "owners-problem",
        file: "OWNERS",
        problemFile: "OWNERS_ALIASES",
        problem: "alias `x` is not defined",
        orMaintain: false,
      },
    ];
    for (const releasers of forms) {
      const status = line({ releasers });
      expect(decodeState(encodeState(status))).toEqual(status);
    }
    const unknown = { ...line(), releasers: { kind: "team", minimum: "x" } };
    const data = Buffer.from(JSON.stringify(unknown)).toString("base64");
    expect(decodeState(`<!-- release-bot:dashboard-state ${data} -->`)).toBeNull();
  });

  it("reads nothing from another tool's comment or from data that is not a status", () => {
    const data = Buffer.from(JSON.stringify(line())).toString("base64");
    expect(decodeState(`<!-- other-tool ${data} -->`)).toBeNull();
    expect(decodeState(`<!-- release-bot:dashboard-state ${data} -->`)).toEqual(line());
    const notJson = Buffer.from("{").toString("base64");
    expect(decodeState(`<!-- release-bot:dashboard-state ${notJson} -->`)).toBeNull();
  });
});

describe("patching the dashboard's status", () => {
  it("keeps the newest 30 commits a tag leaves untested, and their count", () => {
    const tagged = withTag(
      line(),
      { name: "v1.5.0", version: "1.5.0", candidate: false, commit: "c".repeat(40), date: "d" },
      { commits: many(35).map(commit), count: 35 },
    );
    expect(tagged.untested).toEqual(many(30).map((n) => commit(n + 5)));
    expect(tagged.untestedCount).toBe(35);
  });

  it("keeps the first 30 open pull requests and, without a read of commits, the commits it had", () => {
    const stored = line({ untested: [commit(1)], untestedCount: 1 });
    const pulls = many(35).map((n) => ({ number: n, title: `pr ${n}` }));
    const read = withBranchReading(stored, { ...emptyReading, pulls });
    expect(read.pulls).toEqual(pulls.slice(0, 30));
    expect(read.untested).toEqual([commit(1)]);
    expect(read.untestedCount).toBe(1);
  });

  it("titles a new pick after its pick pull request, without the leading branch tag only", () => {
    const read = withBranchReading(line(), {
      ...emptyReading,
      pickPulls: [
        { original: 3, number: 30, title: "[release-1.5]  Fix [docs] typo", state: "open" },
        { original: 4, number: 40, title: "Fix [docs] link", state: "closed" },
      ],
    });
    expect(read.picks).toEqual([
      { pr: 3, title: "Fix [docs] typo", state: "open", pickPr: 30 },
      { pr: 4, title: "Fix [docs] link", state: "closed", pickPr: 40 },
    ]);
  });

  it("adds a pick beside a merged pick of another pull request", () => {
    const merged = line({ picks: [{ pr: 5, title: "Old", state: "merged" }] });
    const pending: PickEntry = { pr: 7, title: "Fix", state: "pending" };
    expect(withPick(merged, pending, 7).picks).toEqual([pending, merged.picks[0]]);
  });

  it("withdraws a merged pick, and takes newer news about it that is merged too", () => {
    const merged = line({
      picks: [{ pr: 7, title: "Fix", state: "merged", pickPr: 9, statusUrl: "u1" }],
    });
    expect(withPick(merged, null, 7).picks).toEqual([]);
    const again: PickEntry = { pr: 7, title: "Fix", state: "merged", pickPr: 9, statusUrl: "u2" };
    expect(withPick(merged, again, 7).picks).toEqual([again]);
  });

  it("lists each state of a status comment as the dashboard's pick", () => {
    const pr = { number: 7, title: "Fix" };
    const conflict = { branch: "release-1.5", state: "conflict" } as TargetEntry;
    const cases: [TargetEntry, PickEntry][] = [
      [
        { branch: "release-1.5", state: "pending" },
        { pr: 7, title: "Fix", state: "pending", statusUrl: "u" },
      ],
      [conflict, { pr: 7, title: "Fix", state: "conflict", statusUrl: "u" }],
      [
        { branch: "release-1.5", state: "merged", pr: 9 },
        { pr: 7, title: "Fix", state: "merged", pickPr: 9, statusUrl: "u" },
      ],
      [
        { branch: "release-1.5", state: "closed", pr: 9 },
        { pr: 7, title: "Fix", state: "closed", pickPr: 9, statusUrl: "u" },
      ],
      [
        { branch: "release-1.5", state: "failed", reason: "boom" },
        { pr: 7, title: "Fix", state: "other", statusUrl: "u" },
      ],
      [
        { branch: "release-1.5", state: "branch", pickBranch: "cherry-pick-7" },
        { pr: 7, title: "Fix", state: "other", statusUrl: "u" },
      ],
    ];
    // Strict: an entry without a pick pull request has no `pickPr` key at all.
    for (const [target, entry] of cases) expect(pickEntry(pr, target, "u")).toStrictEqual(entry);
  });
});
