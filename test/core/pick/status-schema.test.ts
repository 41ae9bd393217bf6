/**
 * The hidden state of the pick status comment is read through a zod schema built when
 * `cherry-pick-status.ts` loads. The module is imported inside each test, so a schema zod refuses
 * fails these tests instead of failing the file before any test runs.
 */
import { describe, expect, it } from "vitest";

const load = () => import("../../../src/core/pick/status.js");

const A = "a".repeat(40);

const rows = [
  { branch: "release-1.6", state: "pending" },
  { branch: "release-1.5", state: "open", pr: 12 },
  { branch: "release-1.3", state: "merged", pr: 10 },
  { branch: "release-1.1", state: "closed", pr: 9 },
  { branch: "release-1.2", state: "already" },
  { branch: "release-1.0", state: "branch", pickBranch: "cherry-pick-7-to-release-1.0" },
  {
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
  },
  { branch: "release-9.9", state: "missing", releaseBranches: ["release-1.6"] },
  { branch: "release-0.9", state: "failed", reason: "GitHub answered 500" },
] as const;

function hidden(targets: unknown[]): string {
  return `### Cherry-picks\n\n<!-- release-bot:cherry-pick-state ${JSON.stringify({ targets })} -->`;
}

describe("the hidden state of the pick status comment", () => {
  it.each(rows)("reads back a $state row", async (row) => {
    const { parseStatus } = await load();
    expect(parseStatus(hidden([row]))).toEqual({ targets: [row] });
  });

  it("drops a row whose state lacks the field that state needs", async () => {
    const { parseStatus } = await load();
    const lacking = [
      { branch: "release-1.5", state: "open" },
      { branch: "release-1.0", state: "branch" },
      { branch: "release-1.4", state: "conflict" },
      { branch: "release-9.9", state: "missing" },
      { branch: "release-0.9", state: "failed" },
      { branch: "release-1.2", pr: 3 },
    ];
    expect(parseStatus(hidden(lacking))).toEqual({ targets: [] });
  });

  it("leaves a blank line between the table and each conflict's section", async () => {
    const { renderStatus } = await load();
    const body = renderStatus(
      { targets: [rows[6], rows[1]] as never },
      { labelPrefix: "cherry-pick/" },
    );
    expect(body).toContain(" |\n\n#### Conflict on `release-1.4`\n\n");
    expect(body).not.toContain("|\n#### Conflict");
  });
});
