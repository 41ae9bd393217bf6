/**
 * The rows of the status comment that keep a pick whole and honest: commits a rebase merge
 * dropped (named "already on the base"), a rebase merge whose landed commits cannot be told
 * (nothing picked, the commands to pick by hand), and a pull request closed without merging.
 */
import { describe, expect, it } from "vitest";
import {
  mergeStatuses,
  type PickStatus,
  parseStatus,
  renderStatus,
  type TargetEntry,
} from "../../../src/core/pick/status.js";
import { summarize } from "../../../src/core/pick/summary.js";

const options = { labelPrefix: "cherry-pick/" };
const A = "a".repeat(40);
const B = "b".repeat(40);
const link = (n: number) => `#${n}`;

const unclear: TargetEntry = {
  branch: "release-1.5",
  state: "unclear",
  unclear: {
    pickBranch: "cherry-pick-7-to-release-1.5",
    commits: [A, B],
    number: 7,
    title: "[release-1.5] Fix the webhook's `spec`",
    reason: "commit 999999999999 below the commits that landed looks like <one>",
  },
};

describe("a rebase merge that dropped commits", () => {
  it("names them under the row, sha and subject, escaped", () => {
    const body = renderStatus(
      {
        targets: [
          {
            branch: "release-1.5",
            state: "open",
            pr: 12,
            onBase: [
              { sha: A, subject: "Add notes" },
              { sha: B, subject: "Ping @ana | *bold*" },
            ],
          },
          { branch: "release-1.4", state: "already", onBase: [] },
        ],
      },
      options,
    );
    expect(body).toContain(
      "| `release-1.5` | 🔀 Pick pull request #12 is open.<br>ℹ️ Not picked, already on the base: `aaaaaaaaaaaa` Add notes, `bbbbbbbbbbbb` Ping @\u2060ana \\| \\*bold\\*. |",
    );
    expect(body).toContain("| `release-1.4` | ✅ Already on the branch: nothing to pick. |");
  });

  it("keeps a forged sha from leaving its table cell", () => {
    const body = renderStatus(
      {
        targets: [
          { branch: "release-1.5", state: "already", onBase: [{ sha: "ab|cd", subject: "x" }] },
        ],
      },
      options,
    );
    expect(body).toContain("already on the base: `ab\\|cd` x. |");
  });

  it("reads the dropped commits back from the hidden state", () => {
    const status: PickStatus = {
      targets: [
        { branch: "release-1.5", state: "merged", pr: 12, onBase: [{ sha: A, subject: "x" }] },
      ],
    };
    expect(parseStatus(renderStatus(status, options))).toEqual(status);
  });

  it("drops a row whose dropped commits do not parse", () => {
    const rows = [
      { branch: "release-1.5", state: "open", pr: 12, onBase: [{ sha: A }] },
      {
        branch: "release-1.4",
        state: "open",
        pr: 13,
        onBase: Array(101).fill({ sha: A, subject: "x" }),
      },
      { branch: "release-1.3", state: "open", pr: 14, onBase: [{ sha: A, subject: "x" }] },
    ];
    const body = `<!-- release-bot:cherry-pick-state ${JSON.stringify({ targets: rows })} -->`;
    expect(parseStatus(body).targets.map((t) => t.branch)).toEqual(["release-1.3"]);
  });
});

describe("a rebase merge whose landed commits cannot be told", () => {
  it("says nothing was picked and gives the pull request's commits to pick by hand", () => {
    const body = renderStatus({ targets: [unclear] }, options);
    expect(body).toContain(
      "| `release-1.5` | ❓ Cannot tell which commits of this pull request landed: nothing was picked. Pick it by hand as shown below. |",
    );
    const section = body.slice(body.indexOf("#### Pick by hand"), body.indexOf("<sub>"));
    expect(body).toContain("by hand as shown below. |\n\n#### Pick by hand");
    expect(section).toBe(
      [
        "#### Pick by hand onto `release-1.5`",
        "",
        "release-bot could not tell which commits of this pull request its rebase merge landed (commit 999999999999 below the commits that landed looks like \\<one\\>), so it picked none: part of a pull request is worse than none. The commands below pick all of the pull request's commits, oldest first; leave out those the branch must not get.",
        "",
        "```sh",
        "git fetch origin pull/7/head",
        "git fetch origin release-1.5",
        "git checkout -b cherry-pick-7-to-release-1.5 origin/release-1.5",
        `git cherry-pick -x ${A} ${B}`,
        "# a commit whose change is on the branch already stops as empty: git cherry-pick --skip",
        "git push origin cherry-pick-7-to-release-1.5",
        "gh pr create --base release-1.5 --head cherry-pick-7-to-release-1.5 --title '[release-1.5] Fix the webhook'\\''s `spec`' --body 'Cherry-pick of #7 onto release-1.5.'",
        "```",
        "",
        "",
      ].join("\n"),
    );
    expect(parseStatus(body)).toEqual({ targets: [unclear] });
  });

  it("sets its section apart from a conflict's, each after a blank line", () => {
    const conflict: TargetEntry = {
      branch: "release-1.4",
      state: "conflict",
      conflict: {
        pickBranch: "cherry-pick-7-to-release-1.4",
        commits: [A],
        at: A,
        files: [],
        moreFiles: false,
        source: "master",
        number: 7,
        title: "[release-1.4] Fix",
      },
    };
    const body = renderStatus({ targets: [conflict, unclear] }, options);
    expect(body).toContain("|\n\n#### Conflict on `release-1.4`\n");
    expect(body).toContain("```\n\n#### Pick by hand onto `release-1.5`\n");
  });

  it("keeps the row over a pending copy of the comment", () => {
    const pending: PickStatus = { targets: [{ branch: "release-1.5", state: "pending" }] };
    expect(mergeStatuses([pending, { targets: [unclear] }])).toEqual({ targets: [unclear] });
  });

  it("says so in a reply", () => {
    expect(summarize(unclear, link)).toBe(
      "`release-1.5`: cannot tell which commits of the pull request landed (commit 999999999999 below the commits that landed looks like \\<one\\>), nothing picked; the commands to pick it by hand are in the status comment",
    );
  });
});

describe("a pull request closed without merging", () => {
  const unmerged: TargetEntry = { branch: "release-1.5", state: "unmerged" };

  it("says nothing was picked", () => {
    const body = renderStatus({ targets: [unmerged] }, options);
    expect(body).toContain(
      "| `release-1.5` | ⛔ Not merged: nothing picked. Picked if this pull request is reopened and merged. |",
    );
    expect(parseStatus(body)).toEqual({ targets: [unmerged] });
    expect(summarize(unmerged, link)).toBe(
      "`release-1.5`: the pull request was closed without merging, nothing picked",
    );
  });

  it("gives way to any copy of the comment that got further, and ties with pending", () => {
    const pending: PickStatus = { targets: [{ branch: "release-1.5", state: "pending" }] };
    const missing: PickStatus = {
      targets: [{ branch: "release-1.5", state: "missing", releaseBranches: [] }],
    };
    expect(mergeStatuses([{ targets: [unmerged] }, pending])).toEqual({ targets: [unmerged] });
    expect(mergeStatuses([pending, { targets: [unmerged] }])).toEqual(pending);
    expect(mergeStatuses([{ targets: [unmerged] }, missing])).toEqual(missing);
  });
});
