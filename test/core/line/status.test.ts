import { describe, expect, it } from "vitest";
import {
  decodeState,
  encodeState,
  pickEntry,
  withBranchReading,
  withPick,
  withTag,
} from "../../../src/core/line/dashboard-state.js";
import { isLineDone, type LineStatus, nextStep } from "../../../src/core/line/status.js";
import { plainTitle, renderLineStatus } from "../../../src/core/line/status-markdown.js";

const REPO = "https://github.com/kubeflow/demo-operator";
const tag = (name: string, commit: string) => ({
  name,
  version: name.slice(1),
  candidate: name.includes("-rc."),
  commit: commit.repeat(40),
  date: "2026-11-29T10:00:00Z",
});

function line(overrides: Partial<LineStatus> = {}): LineStatus {
  return {
    line: "1.5",
    branch: "release-1.5",
    tags: [tag("v1.5.0-rc.1", "b"), tag("v1.5.0-rc.0", "a")],
    untested: [],
    untestedCount: 0,
    picks: [],
    pulls: [],
    ...overrides,
  };
}

describe("the next command of a line", () => {
  it("is /rc while commits no tag covers are on the branch", () => {
    const status = line({ untested: [{ sha: "c".repeat(40), title: "Fix" }], untestedCount: 2 });
    expect(nextStep(status)).toEqual({
      command: "/rc 1.5",
      reason: "2 commits on `release-1.5` no tag covers: test them in a candidate.",
    });
  });

  it("is /release when the newest candidate is the head", () => {
    expect(nextStep(line()).command).toBe("/release 1.5");
  });

  it("is /rc for a line with no tag", () => {
    expect(nextStep(line({ tags: [] })).command).toBe("/rc 1.5");
  });

  it("is nothing after a final: done without open work, waiting with it", () => {
    const final = line({ tags: [tag("v1.5.0", "c"), ...line().tags] });
    expect(isLineDone(final)).toBe(true);
    expect(nextStep(final)).toEqual({
      command: null,
      reason:
        "`v1.5.0` is final and nothing is waiting: the line is done until a fix is picked onto it.",
    });
    const waiting = { ...final, pulls: [{ number: 9, title: "[release-1.5] Fix" }] };
    expect(isLineDone(waiting)).toBe(false);
    expect(nextStep(waiting).reason).toContain("once the work below is merged, comment `/rc 1.5`");
  });
});

describe("the status as Markdown", () => {
  it("lists tags newest first with kind, date and commit, then picks by state and pull requests", () => {
    const status = line({
      untested: [{ sha: "d".repeat(40), title: "Raise the timeout (#12)" }],
      untestedCount: 1,
      picks: [
        { pr: 12, title: "Raise the timeout", state: "merged", pickPr: 14 },
        { pr: 13, title: "Fix leak", state: "conflict", statusUrl: `${REPO}/pull/13#c1` },
        { pr: 15, title: "Docs", state: "pending" },
      ],
      pulls: [{ number: 16, title: "[release-1.5] Docs" }],
    });
    expect(renderLineStatus(status, { repoUrl: REPO, heading: true })).toBe(
      [
        "### Release 1.5 (`release-1.5`)",
        "",
        "**Next:** `/rc 1.5`: 1 commit on `release-1.5` no tag covers: test it in a candidate.",
        "",
        "**Tags** (newest first)",
        "",
        "| tag | kind | date | commit |",
        "|---|---|---|---|",
        `| [\`v1.5.0-rc.1\`](${REPO}/releases/tag/v1.5.0-rc.1) | candidate | 2026-11-29 | [\`bbbbbbb\`](${REPO}/commit/${"b".repeat(40)}) |`,
        `| [\`v1.5.0-rc.0\`](${REPO}/releases/tag/v1.5.0-rc.0) | candidate | 2026-11-29 | [\`aaaaaaa\`](${REPO}/commit/${"a".repeat(40)}) |`,
        "",
        "**Commits since `v1.5.0-rc.1`** (1, not in any tag yet)",
        "",
        `- [\`ddddddd\`](${REPO}/commit/${"d".repeat(40)}) Raise the timeout \\(\\#12\\)`,
        "",
        "**Cherry-picks** (2 waiting)",
        "",
        `- **conflict**: #13 Fix leak ([status](${REPO}/pull/13#c1))`,
        "- pending (picked at merge): #15 Docs",
        "- merged: #12 Raise the timeout → #14",
        "",
        "**Open pull requests into `release-1.5`** (1)",
        "",
        "- #16 \\[release-1.5\\] Docs",
      ].join("\n"),
    );
  });

  it("escapes titles so they cannot mention, link or break the list", () => {
    expect(plainTitle("Ping @admin [x](http://evil) <b>\nline")).toBe(
      "Ping @\u2060admin \\[x\\]\\(http://evil\\) \\<b\\> line",
    );
    expect(plainTitle("x".repeat(150))).toBe(`${"x".repeat(99)}…`);
  });
});

describe("the dashboard's hidden status", () => {
  it("survives a round trip, whatever the titles hold", () => {
    const status = line({ pulls: [{ number: 3, title: "a --> b <!-- c" }] });
    const body = `text\n\n${encodeState(status)}\n<!-- release-bot:dashboard:1.5 -->`;
    expect(decodeState(body)).toEqual(status);
    expect(decodeState("no state")).toBeNull();
    expect(decodeState("<!-- release-bot:dashboard-state bm90IGpzb24= -->")).toBeNull();
  });

  it("patches: a new tag goes first and replaces the untested commits", () => {
    const untested = line({ untested: [{ sha: "e".repeat(40), title: "x" }], untestedCount: 1 });
    const tagged = withTag(untested, tag("v1.5.0", "e"), { commits: [], count: 0 });
    expect(tagged.tags.map((t) => t.name)).toEqual(["v1.5.0", "v1.5.0-rc.1", "v1.5.0-rc.0"]);
    expect(tagged.untestedCount).toBe(0);
    expect(withTag(tagged, tag("v1.5.0", "e"), { commits: [], count: 0 }).tags).toHaveLength(3);
  });

  it("patches: a read of the branch refreshes pull requests and picks with a pick pull request", () => {
    const stored = line({
      pulls: [{ number: 4, title: "gone" }],
      picks: [{ pr: 7, title: "Fix", state: "open", pickPr: 9, statusUrl: "u" }],
    });
    const read = withBranchReading(stored, {
      untested: { commits: [{ sha: "f".repeat(40), title: "Fix" }], count: 1 },
      pulls: [{ number: 10, title: "[release-1.5] Docs" }],
      pickPulls: [
        { original: 8, number: 10, title: "[release-1.5] Docs", state: "open" },
        { original: 7, number: 9, title: "[release-1.5] Fix", state: "merged" },
      ],
    });
    expect(read.pulls).toEqual([{ number: 10, title: "[release-1.5] Docs" }]);
    expect(read.untestedCount).toBe(1);
    expect(read.picks).toEqual([
      { pr: 8, title: "Docs", state: "open", pickPr: 10 },
      { pr: 7, title: "Fix", state: "merged", pickPr: 9, statusUrl: "u" },
    ]);
  });

  it("patches: picks are replaced or withdrawn", () => {
    const entry = pickEntry(
      { number: 7, title: "Fix" },
      { branch: "release-1.5", state: "open", pr: 9 },
      "u",
    );
    const picked = withPick(line(), entry, 7);
    expect(picked.picks).toEqual([
      { pr: 7, title: "Fix", state: "open", pickPr: 9, statusUrl: "u" },
    ]);
    expect(withPick(picked, null, 7).picks).toEqual([]);
    const already = pickEntry(
      { number: 7, title: "Fix" },
      { branch: "release-1.5", state: "already" },
      undefined,
    );
    expect(already).toEqual({ pr: 7, title: "Fix", state: "merged" });
  });
});

describe("late news about a pick", () => {
  it("does not turn a merged pick pull request back to open", () => {
    const merged = withPick(line(), { pr: 7, title: "Fix", state: "merged", pickPr: 9 }, 7);
    const late = withPick(merged, { pr: 7, title: "Fix", state: "open", pickPr: 9 }, 7);
    expect(late.picks).toEqual([{ pr: 7, title: "Fix", state: "merged", pickPr: 9 }]);
    const repicked = withPick(merged, { pr: 7, title: "Fix", state: "open", pickPr: 11 }, 7);
    expect(repicked.picks[0]?.pickPr).toBe(11);
  });
});
