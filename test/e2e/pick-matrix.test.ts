/**
 * Picks for squash / rebase / merge-commit × clean / conflict / dropped-empty commit / a change
 * under .github/workflows, with every rule of the local GitHub on (rulesets, App permissions of
 * app.yml, signed commits, rebase merges that drop empty commits, the read-after-write lag,
 * assignable users) and off, webhooks delivered concurrently to three replicas. Asserted on git
 * state and on what the bot said.
 */
import type { Sandbox } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeRegExp } from "../../src/core/text/regexp.js";
import type { World } from "../world/index.js";
import {
  APP_PERMISSIONS,
  type Case,
  caseRepo,
  type Method,
  startMatrixWorld,
  statusComment,
} from "./pick-matrix.helpers.js";

const METHODS: Method[] = ["squash", "rebase", "merge"];
const CASES: Case[] = ["clean", "conflict", "dropped-empty", "workflows"];

for (const rules of ["on", "off"] as const) {
  describe(`picks with GitHub's rules ${rules}`, () => {
    let world: World;
    let sandbox: Sandbox;
    let problems: string[];

    beforeAll(async () => {
      world = await startMatrixWorld();
      ({ sandbox, webhookProblems: problems } = world);
    });
    afterAll(async () => {
      await world?.close();
    });

    for (const method of METHODS) {
      for (const kind of CASES) {
        it(`${method} merge, ${kind}`, async () => {
          const { repo, number, expected } = await caseRepo(sandbox, method, kind, rules);
          const head = `cherry-pick-${number}-to-release-1.5`;
          const branches = await repo.branches();
          // Nothing temporary survives a pick, whatever its outcome.
          expect(branches.filter((b) => b.startsWith("release-bot/"))).toEqual([]);
          const status = statusComment(repo, number);

          if (kind === "conflict") {
            // The pick branch is the conflict's draft workspace.
            const [workspace] = repo.pulls({ head, base: "release-1.5" });
            expect(workspace).toBeDefined();
            expect((await repo.pull(workspace as number)).draft).toBe(true);
            expect(status).toContain(
              `| \`release-1.5\` | ❌ Conflict: resolve it in draft #${workspace},`,
            );
            expect(repo.labels(number)).toContain("cherry-pick/failed");
            return;
          }

          const [pick] = repo.pulls({ head, base: "release-1.5" });
          expect(pick).toBeDefined();
          const row = `| \`release-1.5\` | 🔀 Pick pull request #${pick} is open.`;
          if (method === "rebase" && kind === "dropped-empty" && rules === "on") {
            // GitHub's rebase dropped "Add notes": named, not picked, and the fix still is.
            expect(status).toMatch(
              new RegExp(
                `${escapeRegExp(row)}<br>ℹ️ Not picked, already on the base: \`[0-9a-f]{12}\` Add notes\\. \\|`,
              ),
            );
          } else {
            expect(status).toContain(`${row} |`);
          }
          const changed = (await repo.git("diff", "--name-only", "release-1.5", head)).trim();
          expect(changed.split("\n").sort()).toEqual(Object.keys(expected).sort());
          for (const [path, content] of Object.entries(expected)) {
            expect(await repo.readFile(head, path)).toBe(content);
          }
          const picked = (await repo.git("rev-list", "--reverse", `release-1.5..${head}`))
            .trim()
            .split("\n");
          expect(picked).toHaveLength(1);
          const commit = await repo.readCommit(picked[0] as string);
          if (!commit) throw new Error("no picked commit");
          const from = /\(cherry picked from commit ([0-9a-f]{40})\)/.exec(commit.message)?.[1];
          const source = await repo.readCommit(from ?? "");
          const body = String((await repo.pull(pick as number)).body);
          if (rules === "on") {
            // The target requires signed commits: GitHub signed the pick, Ana is a co-author.
            expect(repo.isVerified(picked[0] as string)).toBe(true);
            expect(commit.message).toContain("Co-authored-by: Ana <ana@example.com>");
            expect(body).toContain("GitHub signed these picks");
            // Ana has no role on the repository: GitHub refuses her as assignee.
            expect((await repo.pull(pick as number)).assignees).toEqual([]);
          } else {
            // The picked commit keeps the author of the commit it was picked from.
            expect(commit.author).toMatchObject({
              name: source?.author.name,
              email: source?.author.email,
            });
            expect(repo.isVerified(picked[0] as string)).toBe(false);
          }
          expect(problems.splice(0)).toEqual([]);
        }, 60_000);
      }
    }

    if (rules === "on") {
      it("names the missing workflows permission and what an admin must do", async () => {
        const withoutWorkflows = Object.fromEntries(
          Object.entries(APP_PERMISSIONS).filter(([name]) => name !== "workflows"),
        );
        const { repo, number } = await caseRepo(
          sandbox,
          "squash",
          "workflows",
          "on",
          withoutWorkflows,
        );
        const status = statusComment(repo, number);
        expect(status).toContain("refused by the App's `workflows: write` permission");
        expect(status).toContain("accept the new permission on the installation");
        expect((await repo.branches()).filter((b) => b.startsWith("release-bot/"))).toEqual([]);
      }, 60_000);
    }
  });
}
