import { describe, expect, it } from "vitest";
import { isLineDone, type LineStatus, nextStep, openWork } from "../../../src/core/line/status.js";
import {
  plainTitle,
  renderDoneLine,
  renderLineStatus,
} from "../../../src/core/line/status-markdown.js";

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
    tags: [tag("v1.5.0-rc.0", "a")],
    untested: [],
    untestedCount: 0,
    picks: [],
    pulls: [],
    ...overrides,
  };
}

const final = () => line({ tags: [tag("v1.5.0", "c")] });
const render = (status: LineStatus) => renderLineStatus(status, { repoUrl: REPO, heading: false });
/** The section of the rendered status that starts with `start`. */
const section = (text: string, start: string) =>
  text.split(/\n\n(?=\*\*)/).find((part) => part.startsWith(start));

describe("the status of a line as Markdown", () => {
  it("of a line with no tag: run /rc, and every section says none", () => {
    expect(render(line({ tags: [] }))).toBe(
      [
        "**Next:** `/rc 1.5`: `release-1.5` has no tag yet: cut its first candidate.",
        "**Tags:** none yet.",
        "**Cherry-picks:** none requested.",
        "**Open pull requests into `release-1.5`:** none.",
      ].join("\n\n"),
    );
  });

  it("of a finished line: nothing to run, the final tag, no pick section", () => {
    expect(render(final())).toBe(
      [
        "**Next:** nothing to run. `v1.5.0` is final and nothing is waiting: the line is done until a fix is picked onto it.",
        [
          "**Tags** (newest first)",
          "",
          "| tag | kind | date | commit |",
          "|---|---|---|---|",
          `| [\`v1.5.0\`](${REPO}/releases/tag/v1.5.0) | final | 2026-11-29 | [\`ccccccc\`](${REPO}/commit/${"c".repeat(40)}) |`,
        ].join("\n"),
        "**Commits since `v1.5.0`:** none.",
        "**Open pull requests into `release-1.5`:** none.",
      ].join("\n\n"),
    );
    expect(renderDoneLine(final())).toBe(
      "- `release-1.5`: `v1.5.0` is final and nothing is waiting: the line is done until a fix is picked onto it.",
    );
  });

  it("of a finished line with picks already merged: lists them, newest pull request first", () => {
    const status = {
      ...final(),
      picks: [
        { pr: 7, title: "Fix", state: "merged" as const },
        { pr: 9, title: "Docs", state: "merged" as const, pickPr: 10 },
        { pr: 8, title: "Leak", state: "merged" as const, pickPr: 11 },
      ],
    };
    expect(section(render(status), "**Cherry-picks")).toBe(
      [
        "**Cherry-picks** (0 waiting)",
        "",
        "- merged: #9 Docs → #10",
        "- merged: #8 Leak → #11",
        "- already on the branch: #7 Fix",
      ].join("\n"),
    );
  });

  it("lists picks by state, conflicts first, each with its pick pull request or status link", () => {
    const status = line({
      picks: [
        { pr: 1, title: "One", state: "other", statusUrl: "u1" },
        { pr: 2, title: "Two", state: "closed", pickPr: 20, statusUrl: "u2" },
        { pr: 3, title: "Three", state: "open", pickPr: 30, statusUrl: "u3" },
        { pr: 4, title: "Four", state: "conflict" },
        { pr: 5, title: "Five", state: "pending" },
        { pr: 6, title: "Six", state: "merged", pickPr: 60 },
        { pr: 7, title: "Seven", state: "open", pickPr: 70 },
      ],
    });
    expect(section(render(status), "**Cherry-picks")).toBe(
      [
        "**Cherry-picks** (4 waiting)",
        "",
        "- **conflict**: #4 Four",
        "- pending (picked at merge): #5 Five",
        "- open: #7 Seven → #70",
        "- open: #3 Three → #30",
        "- merged: #6 Six → #60",
        "- closed without merging: #2 Two → #20 ([status](u2))",
        "- needs attention: #1 One ([status](u1))",
      ].join("\n"),
    );
  });

  it("shows at most 30 of each list and says how many more (or older, for commits) there are", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    const status = line({
      tags: many(32).map((n) => tag(`v1.5.0-rc.${32 - n}`, "a")),
      untested: many(30).map((n) => ({ sha: String(n).padStart(40, "0"), title: `c${n}` })),
      untestedCount: 45,
      picks: many(31).map((n) => ({ pr: n, title: `p${n}`, state: "pending" as const })),
      pulls: many(30).map((n) => ({ number: n, title: `pr${n}` })),
    });
    const text = render(status);
    const tags = section(text, "**Tags")?.split("\n") ?? [];
    expect(tags).toHaveLength(4 + 30 + 1);
    expect(tags.at(-2)).toContain("[`v1.5.0-rc.2`]");
    expect(tags.at(-1)).toBe("- … and 2 more");
    const untested = section(text, "**Commits since")?.split("\n") ?? [];
    expect(untested[0]).toBe("**Commits since `v1.5.0-rc.31`** (45, not in any tag yet)");
    expect(untested).toHaveLength(2 + 30 + 1);
    // The newest 30, oldest first, after the 15 older ones they leave out.
    expect(untested[2]).toBe("- … 15 older");
    expect(untested.at(-1)).toMatch(/ c30$/);
    const picks = section(text, "**Cherry-picks")?.split("\n") ?? [];
    expect(picks).toHaveLength(2 + 30 + 1);
    expect(picks.at(-2)).toBe("- pending (picked at merge): #2 p2");
    expect(picks.at(-1)).toBe("- … and 1 more");
    const pulls = section(text, "**Open pull requests")?.split("\n") ?? [];
    expect(pulls[0]).toBe("**Open pull requests into `release-1.5`** (30)");
    expect(pulls).toHaveLength(2 + 30);
    expect(pulls.at(-1)).toBe("- #30 pr30");
  });

  it("shows the 31st pull request as one more", () => {
    const pulls = Array.from({ length: 31 }, (_, i) => ({ number: i + 1, title: "x" }));
    const text = render(line({ pulls }));
    expect(text.endsWith("- #30 x\n- … and 1 more")).toBe(true);
  });

  it("flattens a title to one trimmed line and shortens it past 100 characters", () => {
    expect(plainTitle(" Fix \n\t the  leak ")).toBe("Fix the leak");
    expect(plainTitle("x".repeat(100))).toBe("x".repeat(100));
    expect(plainTitle("x".repeat(101))).toBe(`${"x".repeat(99)}…`);
  });
});

describe("whether a line is done", () => {
  it("is not while its newest tag is a candidate, commits are untested or picks wait", () => {
    expect(isLineDone(final())).toBe(true);
    expect(isLineDone(line({ tags: [] }))).toBe(false);
    expect(isLineDone(line())).toBe(false);
    expect(isLineDone({ ...final(), untestedCount: 1 })).toBe(false);
    for (const state of ["pending", "open", "conflict"] as const) {
      expect(isLineDone({ ...final(), picks: [{ pr: 1, title: "x", state }] })).toBe(false);
    }
    for (const state of ["merged", "closed", "other"] as const) {
      expect(isLineDone({ ...final(), picks: [{ pr: 1, title: "x", state }] })).toBe(true);
    }
  });

  it("counts open pick pull requests as waiting work", () => {
    const open = { pr: 1, title: "x", state: "open" as const, pickPr: 2 };
    expect(openWork({ ...final(), picks: [open] }).picks).toEqual([open]);
  });

  it("tells to release a candidate at the head of the branch", () => {
    expect(nextStep(line())).toEqual({
      command: "/release 1.5",
      reason: "`v1.5.0-rc.0` is the head of `release-1.5`: release it as the final.",
    });
  });
});
