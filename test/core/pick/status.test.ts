import { describe, expect, it } from "vitest";
import {
  applyChanges,
  mergeStatuses,
  type PickStatus,
  parseStatus,
  renderStatus,
  type TargetEntry,
  targetState,
} from "../../../src/core/pick/status.js";
import { codeSpan, escapeText, shellQuote } from "../../../src/core/text/markdown.js";

const options = { labelPrefix: "cherry-pick/" };
const A = "a".repeat(40);
const B = "b".repeat(40);

const conflict: TargetEntry = {
  branch: "release-1.4",
  state: "conflict",
  conflict: {
    pickBranch: "cherry-pick-7-to-release-1.4",
    commits: [A],
    at: A,
    files: ["pkg/webhook/webhook.go"],
    moreFiles: false,
    source: "master",
    number: 7,
    title: "[release-1.4] Fix the webhook",
  },
};

const every: PickStatus = {
  targets: [
    { branch: "release-1.6", state: "pending" },
    { branch: "release-1.5", state: "open", pr: 12 },
    conflict,
    { branch: "release-1.3", state: "merged", pr: 10 },
    { branch: "release-1.2", state: "already" },
    { branch: "release-9.9", state: "missing", releaseBranches: ["release-1.6", "release-1.5"] },
    { branch: "release-1.1", state: "closed", pr: 9 },
    { branch: "release-1.0", state: "branch", pickBranch: "cherry-pick-7-to-release-1.0" },
    { branch: "release-0.9", state: "failed", reason: "GitHub answered 500: Server Error" },
  ],
};

describe("renderStatus", () => {
  it("writes the whole comment: heading, table, how to ask, hidden state", () => {
    expect(
      renderStatus({ targets: [{ branch: "release-1.5", state: "open", pr: 12 }] }, options),
    ).toBe(
      [
        "### Cherry-picks",
        "",
        "| Branch | State |",
        "| --- | --- |",
        "| `release-1.5` | 🔀 Pick pull request #12 is open. |",
        "",
        "<sub>release-bot keeps this comment up to date. Request a pick with a `cherry-pick/<branch>` label or `/cherry-pick <branch>`.</sub>",
        "",
        '<!-- release-bot:cherry-pick-state {"targets":[{"branch":"release-1.5","state":"open","pr":12}]} -->',
      ].join("\n"),
    );
  });

  it("says that no pick is requested when every label was removed", () => {
    expect(renderStatus({ targets: [] }, { labelPrefix: "backport/" })).toBe(
      [
        "### Cherry-picks",
        "",
        "No pick is requested: the cherry-pick labels were removed.",
        "",
        "<sub>release-bot keeps this comment up to date. Request a pick with a `backport/<branch>` label or `/cherry-pick <branch>`.</sub>",
        "",
        '<!-- release-bot:cherry-pick-state {"targets":[]} -->',
      ].join("\n"),
    );
  });

  it("shows every target and its state in one table", () => {
    const body = renderStatus(every, options);
    expect(body).toContain(
      "| `release-1.6` | ⏳ Pending: picked when this pull request is merged. |",
    );
    expect(body).toContain("| `release-1.5` | 🔀 Pick pull request #12 is open. |");
    expect(body).toContain("| `release-1.3` | ✅ Merged in #10. |");
    expect(body).toContain("| `release-1.2` | ✅ Already on the branch: nothing to pick. |");
    expect(body).toContain(
      "| `release-9.9` | ⚠️ The branch does not exist; the release branches are `release-1.6`, `release-1.5`. |",
    );
    expect(body).toContain("| `release-1.1` | ⛔ Pick pull request #9 was closed without merging;");
    expect(body).toContain(
      "| `release-0.9` | ❌ Failed: GitHub answered 500: Server Error. Comment `/cherry-pick release-0.9` to try again. |",
    );
    expect(body).toContain(
      "| `release-1.0` | ⚠️ Branch `cherry-pick-7-to-release-1.0` exists without a pull request and holds commits release-bot did not make: open a pull request from it, or delete it and comment `/cherry-pick release-1.0`. |",
    );
    expect(body).toContain(
      "| `release-1.1` | ⛔ Pick pull request #9 was closed without merging; comment `/cherry-pick release-1.1` to pick again. |",
    );
    expect(body).toContain(
      "| `release-1.4` | ❌ Conflict: pick it by hand as shown below, or comment `/cherry-pick release-1.4` to try again once the branch has changed. |",
    );
    // One section of manual steps, for the one conflict.
    expect(body.match(/#### Conflict on/g)).toHaveLength(1);
  });

  it("says when there is no release branch at all, and escapes pipes in table cells", () => {
    const body = renderStatus(
      {
        targets: [
          { branch: "release-9.9", state: "missing", releaseBranches: [] },
          { branch: "a|b", state: "branch", pickBranch: "pick|x" },
          { branch: "release-9.8", state: "missing", releaseBranches: ["x|y"] },
        ],
      },
      options,
    );
    expect(body).toContain(
      "| `release-9.9` | ⚠️ The branch does not exist; there is no release branch yet. |",
    );
    expect(body).toContain("| `a\\|b` | ⚠️ Branch `pick\\|x` exists without a pull request");
    expect(body).toContain("comment `/cherry-pick a\\|b`. |");
    expect(body).toContain("the release branches are `x\\|y`. |");
  });

  it("explains a conflict that touches no file changed on the branch, and a cut file list", () => {
    const none = renderStatus(
      { targets: [{ ...conflict, conflict: { ...conflict.conflict, files: [] } } as TargetEntry] },
      options,
    );
    expect(none).toContain(
      "The pick stopped and left nothing behind.\n\nNo file changed by this pull request has changed on the branch since it branched off; the conflict comes from changes made on the source branch before this pull request.\n\nTo pick by hand:",
    );
    const more = renderStatus(
      {
        targets: [
          { ...conflict, conflict: { ...conflict.conflict, moreFiles: true } } as TargetEntry,
        ],
      },
      options,
    );
    expect(more).toContain("- `pkg/webhook/webhook.go`\n- and more\n\nTo pick by hand:");
  });

  it("gives the files and the exact commands of a conflict", () => {
    const body = renderStatus(every, options);
    expect(body).toContain("| `release-1.4` | ❌ Conflict: pick it by hand as shown below");
    expect(body).toContain(
      [
        "#### Conflict on `release-1.4`",
        "",
        "The pick stopped and left nothing behind.",
        "",
        "Files most likely in conflict (changed by this pull request and on `release-1.4` since it branched off):",
        "",
        "- `pkg/webhook/webhook.go`",
        "",
        "To pick by hand:",
        "",
        "```sh",
        "git fetch origin master",
        "git fetch origin release-1.4",
        "git checkout -b cherry-pick-7-to-release-1.4 origin/release-1.4",
        `git cherry-pick -x ${A}`,
        "# resolve the conflicts, git add the files, then: git cherry-pick --continue",
        "git push origin cherry-pick-7-to-release-1.4",
        "gh pr create --base release-1.4 --head cherry-pick-7-to-release-1.4 --title '[release-1.4] Fix the webhook' --body 'Cherry-pick of #7 onto release-1.4.'",
        "```",
      ].join("\n"),
    );
  });

  it("links the draft workspace of a conflict, and starts over by hand on its branch", () => {
    const body = renderStatus(
      {
        targets: [
          {
            ...conflict,
            conflict: { ...conflict.conflict, workspace: { pr: 31, head: B } },
            note: "the draft was made again on @bbbb",
          } as TargetEntry,
        ],
      },
      options,
    );
    expect(body).toContain(
      // The note is escaped: its mention cannot ping (a word joiner follows the @).
      "| `release-1.4` | ❌ Conflict: resolve it in draft #31, or comment `/cherry-pick release-1.4` to refresh it once the branch has changed.<br>ℹ️ the draft was made again on @\u2060bbbb |",
    );
    expect(body).toContain(
      "Draft pull request #31 holds the pick with the conflicts marked: resolve them there, in the browser or locally (its description says how).",
    );
    expect(body).toContain("Or start over by hand, replacing the draft's branch:\n\n```sh\n");
    expect(body).toContain(
      [
        `git cherry-pick -x ${A}`,
        "# resolve the conflicts, git add the files, then: git cherry-pick --continue",
        "git push --force-with-lease origin cherry-pick-7-to-release-1.4",
        "gh pr ready 31",
        "```",
      ].join("\n"),
    );
    expect(body).not.toContain("gh pr create");
    expect(parseStatus(body).targets[0]).toMatchObject({
      conflict: { workspace: { pr: 31, head: B } },
      note: "the draft was made again on @bbbb",
    });
  });

  it("says which commit of several conflicted", () => {
    const several = renderStatus(
      {
        targets: [
          {
            ...conflict,
            conflict: { ...conflict.conflict, commits: [A, B], at: B },
          } as TargetEntry,
        ],
      },
      options,
    );
    expect(several).toContain("Picking `bbbbbbbbbbbb` (2 of 2) conflicted.");
    expect(several).toContain(`git cherry-pick -x ${A} ${B}`);
  });

  it("round-trips its state through the hidden JSON", () => {
    expect(parseStatus(renderStatus(every, options))).toEqual(every);
  });

  it("mentions nobody and cannot be broken out of", () => {
    const hostile = "[release-1.4] @kubeflow/maintainers <!-- --> ``` | $(curl x) it's\n# heading";
    const status: PickStatus = {
      targets: [
        {
          ...conflict,
          conflict: { ...conflict.conflict, title: hostile, files: ["a`b|@c.go"] },
        } as TargetEntry,
        { branch: "release-0.9", state: "failed", reason: "@octocat said <b>no</b> | [x](y)" },
      ],
    };
    const text = renderStatus(status, options);
    const at = text.indexOf("<!-- release-bot:cherry-pick-state ");
    const visible = text.slice(0, at);
    const state = text.slice(at);
    // The visible part: the only raw `@` are inside code (code spans, the sh block), no HTML comment.
    const outsideCode = visible.replace(/```sh[\s\S]*?```/g, "").replace(/(`+)[\s\S]*?\1/g, "");
    expect(outsideCode).not.toMatch(/@[A-Za-z]/);
    expect(outsideCode).not.toContain("<!--");
    // The hidden state: one HTML comment, ending at the end, with nothing that could end it early.
    expect(state.match(/-->/g)).toHaveLength(1);
    expect(state.trimEnd().endsWith("-->")).toBe(true);
    expect(state.slice(4, -4)).not.toMatch(/[<>@]/);
    expect(text).toContain(
      `--title '[release-1.4] @kubeflow/maintainers <!-- --> \`\`\` | $(curl x) it'\\''s # heading'`,
    );
    expect(text).toContain("- ``a`b|@c.go``");
    expect(text).toContain("❌ Failed: @\u2060octocat said \\<b\\>no\\</b\\> \\| \\[x\\]\\(y\\).");
    expect(parseStatus(text)).toEqual(status);
  });
});

describe("parseStatus", () => {
  it("reads nothing from a comment without state", () => {
    expect(parseStatus("hello")).toEqual({ targets: [] });
    expect(parseStatus("<!-- release-bot:cherry-pick-state {not json} -->")).toEqual({
      targets: [],
    });
  });

  it("drops entries that do not parse", () => {
    const body = `<!-- release-bot:cherry-pick-state {"targets":[{"branch":"release-1.5","state":"open","pr":"12"},{"branch":"release-1.4","state":"already"}]} -->`;
    expect(parseStatus(body)).toEqual({ targets: [{ branch: "release-1.4", state: "already" }] });
  });

  it("reads nothing from a state without a list of targets", () => {
    for (const json of ['{"targets":5}', "{}", '{"targets":{"branch":"release-1.5"}}']) {
      expect(parseStatus(`<!-- release-bot:cherry-pick-state ${json} -->`)).toEqual({
        targets: [],
      });
    }
  });

  it("keeps the first entry of a branch listed twice", () => {
    const body = `<!-- release-bot:cherry-pick-state {"targets":[{"branch":"release-1.5","state":"merged","pr":12},{"branch":"release-1.5","state":"pending"}]} -->`;
    expect(parseStatus(body)).toEqual({
      targets: [{ branch: "release-1.5", state: "merged", pr: 12 }],
    });
  });

  it("reads a state written over several lines", () => {
    const body = `<!-- release-bot:cherry-pick-state {\n  "targets": [{"branch": "release-1.5", "state": "pending"}]\n} -->`;
    expect(parseStatus(body)).toEqual({ targets: [{ branch: "release-1.5", state: "pending" }] });
  });
});

describe("mergeStatuses", () => {
  it("keeps every target and, when copies disagree, the one that got further", () => {
    const first: PickStatus = { targets: [{ branch: "release-1.5", state: "pending" }, conflict] };
    const second: PickStatus = {
      targets: [
        { branch: "release-1.5", state: "open", pr: 12 },
        { branch: "release-1.4", state: "open", pr: 13 },
        { branch: "release-1.3", state: "already" },
      ],
    };
    expect(mergeStatuses([first, second]).targets).toEqual([
      { branch: "release-1.5", state: "open", pr: 12 },
      { branch: "release-1.4", state: "open", pr: 13 },
      { branch: "release-1.3", state: "already" },
    ]);
  });
});

describe("mergeStatuses: ties and regressions", () => {
  it("keeps the first copy's state when both got as far, and never goes back", () => {
    const failed: PickStatus = {
      targets: [{ branch: "release-1.5", state: "failed", reason: "x" }],
    };
    const missing: PickStatus = {
      targets: [{ branch: "release-1.5", state: "missing", releaseBranches: [] }],
    };
    const open: PickStatus = { targets: [{ branch: "release-1.5", state: "open", pr: 12 }] };
    const pending: PickStatus = { targets: [{ branch: "release-1.5", state: "pending" }] };
    expect(mergeStatuses([failed, missing])).toEqual(failed);
    expect(mergeStatuses([open, pending])).toEqual(open);
  });
});

describe("targetState", () => {
  it("finds the state of a requested branch only", () => {
    expect(targetState(every, "release-1.5")).toEqual({
      branch: "release-1.5",
      state: "open",
      pr: 12,
    });
    expect(targetState(every, "release-2.0")).toBeUndefined();
  });
});

describe("applyChanges", () => {
  it("keeps targets the changes do not name, as they were and where they were", () => {
    const status: PickStatus = {
      targets: [
        { branch: "release-1.6", state: "merged", pr: 20 },
        { branch: "release-1.5", state: "pending" },
        { branch: "release-1.4", state: "already" },
      ],
    };
    const next = applyChanges(
      status,
      new Map([
        ["release-1.5", { state: "open", pr: 21 }],
        ["release-1.3", { state: "pending" }],
      ] as const),
    );
    expect(next.targets).toEqual([
      { branch: "release-1.6", state: "merged", pr: 20 },
      { branch: "release-1.5", state: "open", pr: 21 },
      { branch: "release-1.4", state: "already" },
      { branch: "release-1.3", state: "pending" },
    ]);
  });

  it("updates in place, appends new targets and removes withdrawn ones", () => {
    const status: PickStatus = {
      targets: [
        { branch: "release-1.6", state: "pending" },
        { branch: "release-1.5", state: "pending" },
      ],
    };
    const next = applyChanges(
      status,
      new Map([
        ["release-1.6", null],
        ["release-1.5", { state: "open", pr: 12 }],
        ["release-1.4", { state: "already" }],
      ] as const),
    );
    expect(next.targets).toEqual([
      { branch: "release-1.5", state: "open", pr: 12 },
      { branch: "release-1.4", state: "already" },
    ]);
  });
});

describe("escaping", () => {
  it("codeSpan fences around backticks and escapes pipes in tables", () => {
    expect(codeSpan("release-1.5")).toBe("`release-1.5`");
    expect(codeSpan("a``b")).toBe("```a``b```");
    expect(codeSpan("`x")).toBe("`` `x ``");
    expect(codeSpan("a|b", true)).toBe("`a\\|b`");
    expect(codeSpan("a|b")).toBe("`a|b`");
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("x`")).toBe("`` x` ``");
  });

  it("codeSpan keeps user text on one line", () => {
    expect(codeSpan("a\r\nb\tc")).toBe("`a b c`");
  });

  it("escapeText defuses mentions and Markdown", () => {
    expect(escapeText("@org/team *bold* <img>")).toBe("@\u2060org/team \\*bold\\* \\<img\\>");
  });

  it("shellQuote quotes anything but plain words", () => {
    expect(shellQuote("release-1.5")).toBe("release-1.5");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's $(x)")).toBe("'it'\\''s $(x)'");
  });
});
