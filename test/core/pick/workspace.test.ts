import { describe, expect, it } from "vitest";
import { cherryPickedFrom } from "../../../src/core/pick/message.js";
import type { PickCommit } from "../../../src/core/pick/plan.js";
import { markerLabels, workspaceBody, workspaceMessage } from "../../../src/core/pick/workspace.js";

const ana = { name: "Ana", email: "ana@example.com", date: "2025-03-01T10:00:00Z" };
const commit = (id: string, parent: string, message: string): PickCommit => ({
  sha: id.repeat(40),
  parentSha: parent.repeat(40),
  message,
  author: ana,
});
const FIX = commit("a", "0", "Fix the leak (#7)\n\nSigned-off-by: Ana <ana@example.com>\n");

describe("the workspace of a conflicting pick", () => {
  it("labels its markers with the branch and the commit as git cherry-pick does", () => {
    expect(markerLabels("release-1.5", FIX)).toEqual({
      ours: "release-1.5",
      theirs: "aaaaaaaaaaaa (Fix the leak (#7))",
    });
  });

  it("keeps the one picked commit's message as git cherry-pick -x writes it", () => {
    const pick = { number: 7, branch: "release-1.5", title: "Fix the leak" };
    expect(workspaceMessage([FIX], pick, false)).toBe(
      `Fix the leak (#7)\n\nSigned-off-by: Ana <ana@example.com>\n(cherry picked from commit ${"a".repeat(40)})\n`,
    );
    expect(workspaceMessage([FIX], pick, true)).toContain("Co-authored-by: Ana <ana@example.com>");
  });

  it("names every commit of a pick of several, each with its cherry-picked-from line", () => {
    const two = [commit("a", "0", "First\n"), commit("b", "a", "Second\n")];
    const message = workspaceMessage(
      two,
      { number: 7, branch: "release-1.5", title: "Fix it" },
      false,
    );
    expect(message.split("\n")[0]).toBe("[release-1.5] Fix it");
    expect(cherryPickedFrom(message)).toEqual(["a".repeat(40), "b".repeat(40)]);
  });

  it("describes the conflicts, how to finish in the browser and locally, then the original description", () => {
    const body = workspaceBody({
      number: 7,
      branch: "release-1.5",
      pickBranch: "cherry-pick-7-to-release-1.5",
      originalBody: "```release-note\nFixed.\n```",
      repoUrl: "https://github.com/kubeflow/spark-operator",
      theirs: "aaaaaaaaaaaa (Fix)",
      conflicts: [
        {
          path: "pkg/a b.go",
          clean: false,
          kind: "content",
          content: "x",
          hunks: [
            {
              resultStart: 6,
              resultEnd: 10,
              ours: { at: 5, count: 1 },
              theirs: { at: 5, count: 1 },
            },
            {
              resultStart: 20,
              resultEnd: 20,
              ours: { at: 9, count: 0 },
              theirs: { at: 9, count: 0 },
            },
          ],
        },
        { path: "logo.png", clean: false, kind: "binary", content: null, hunks: [] },
        { path: "gone.sh", clean: false, kind: "modify/delete", content: "y", hunks: [] },
      ],
    });
    expect(body.startsWith("Cherry-pick of #7 onto release-1.5.\n")).toBe(true);
    expect(body).toContain("- `pkg/a b.go`: 2 conflicts (lines 6–10, line 20)");
    expect(body).toContain("- `logo.png`: a binary file changed on both sides;");
    expect(body).toContain("- `gone.sh`: deleted on one side and changed on the other;");
    expect(body).toContain(
      "- [Edit `pkg/a b.go`](https://github.com/kubeflow/spark-operator/edit/cherry-pick-7-to-release-1.5/pkg/a%20b.go)",
    );
    expect(body).not.toContain("[Edit `logo.png`]");
    expect(body).toContain("`<<<<<<< release-1.5` and `>>>>>>> aaaaaaaaaaaa (Fix)`");
    expect(body).toContain(
      "```sh\ngit fetch origin cherry-pick-7-to-release-1.5\ngit switch cherry-pick-7-to-release-1.5\n",
    );
    expect(body.endsWith("---\n\n```release-note\nFixed.\n```")).toBe(true);
  });

  it("reads, in full, for one conflict and no original description", () => {
    const body = workspaceBody({
      number: 7,
      branch: "release-1.5",
      pickBranch: "cherry-pick-7-to-release-1.5",
      originalBody: null,
      repoUrl: "https://github.com/kubeflow/spark-operator",
      theirs: "aaaaaaaaaaaa (Fix)",
      conflicts: [
        {
          path: "a.go",
          clean: false,
          kind: "content",
          content: "x",
          hunks: [
            {
              resultStart: 6,
              resultEnd: 10,
              ours: { at: 5, count: 1 },
              theirs: { at: 5, count: 1 },
            },
          ],
        },
      ],
    });
    expect(body).toBe(
      [
        "Cherry-pick of #7 onto release-1.5.",
        "",
        "> [!WARNING]",
        "> The pick conflicts with `release-1.5`. This draft holds it with every cleanly merged file applied and the conflicts marked. Resolve them here, then mark the pull request ready for review.",
        "",
        "#### Files in conflict",
        "",
        "- `a.go`: 1 conflict (lines 6–10)",
        "",
        "#### Finish in the browser",
        "",
        "- [Edit `a.go`](https://github.com/kubeflow/spark-operator/edit/cherry-pick-7-to-release-1.5/a.go)",
        "",
        "In each file keep the lines it needs between `<<<<<<< release-1.5` and `>>>>>>> aaaaaaaaaaaa (Fix)`, delete the three marker lines, and commit to this branch. The `conflict markers` check turns green once no marker is left.",
        "",
        "#### Finish locally",
        "",
        "```sh",
        "git fetch origin cherry-pick-7-to-release-1.5",
        "git switch cherry-pick-7-to-release-1.5",
        "# resolve the conflicts, then:",
        "git commit -a -m 'Resolve the conflicts of the pick onto release-1.5'",
        "git push origin cherry-pick-7-to-release-1.5",
        "```",
      ].join("\n"),
    );
  });

  it("takes a commit's subject from its first line with text, trimmed", () => {
    const messy = commit("b", "0", "\n  Fix the leak  \n\nBody.\n");
    expect(markerLabels("release-1.5", messy).theirs).toBe("bbbbbbbbbbbb (Fix the leak)");
    expect(markerLabels("release-1.5", commit("c", "0", "")).theirs).toBe("cccccccccccc ()");
  });

  it("has no commit to write for a pick of none", () => {
    expect(
      workspaceMessage([], { number: 7, branch: "release-1.5", title: "Fix" }, false),
    ).toContain("Cherry-pick of #7 onto release-1.5, 0 commits:");
  });
});
