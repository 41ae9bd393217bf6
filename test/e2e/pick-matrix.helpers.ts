/**
 * The pick matrix's world: the real app (three replicas) against the local GitHub delivering
 * webhooks concurrently, with GitHub's rules on (`rules: "on"`) or off, and a repository per
 * case whose fix pull request is merged by squash, rebase or merge commit.
 */
import { readFileSync } from "node:fs";
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { parse } from "yaml";
import { startWorld, type World } from "../world/index.js";

export type Method = "squash" | "rebase" | "merge";
export type Case = "clean" | "conflict" | "dropped-empty" | "workflows";

/** The permissions `app.yml` asks for: the installation token holds exactly these. */
export const APP_PERMISSIONS = (
  parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as {
    default_permissions: Record<string, string>;
  }
).default_permissions;

export const BOT = "release-bot[bot]";

/** What an admin of a Kubeflow operator repository would turn on, and what the bot is told. */
export function turnRulesOn(repo: SandboxRepo, permissions = APP_PERMISSIONS): void {
  repo.setRules({
    appPermissions: permissions,
    readAfterWriteLagMs: 300,
    rebaseDropsEmpty: true,
    assignableOnly: true,
    // The bot never asks for maintainer edits on its own branches: GitHub may refuse them.
    refuseMaintainerEdits: true,
  });
  // Everyone, the App included: no force push, no deletion, signed commits, linear history.
  repo.addRuleset({
    name: "protected lines",
    branches: ["~DEFAULT_BRANCH", "release-*"],
    requiredSignatures: true,
    requiredLinearHistory: true,
  });
  // Pull requests only, with the App on the bypass list so version bumps stay direct.
  repo.addRuleset({
    name: "pull requests",
    branches: ["~DEFAULT_BRANCH", "release-*"],
    pullRequest: true,
    nonFastForward: false,
    deletion: false,
    bypass: [BOT],
  });
}

/** Three replicas behind one load balancer, each delivery checked as a client would. */
export function startMatrixWorld(): Promise<World> {
  return startWorld({ replicas: 3, seed: false, logLevel: "silent", checkWebhooks: true });
}

const CODE = "package webhook\n\nfunc Validate(spec *Spec) error {\n\treturn spec.Check()\n}\n";
const FIXED = CODE.replace(
  "\treturn spec.Check()",
  "\tif spec == nil {\n\t\treturn nil\n\t}\n\treturn spec.Check()",
);
const CI =
  "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n";

export interface CaseRepo {
  repo: SandboxRepo;
  number: number;
  /** What the pick must bring to release-1.5: path → content. */
  expected: Record<string, string>;
}

let counter = 0;

/**
 * release-1.5 branched from master (the bot cuts rc.0), both moved on, then the fix pull
 * request from `ana`, labelled for release-1.5, is merged with `method`.
 */
export async function caseRepo(
  sandbox: Sandbox,
  method: Method,
  kind: Case,
  rules: "on" | "off",
  permissions: Record<string, string> = APP_PERMISSIONS,
): Promise<CaseRepo> {
  counter += 1;
  const repo = await sandbox.createRepo(`kubeflow/matrix-${rules}-${counter}`, {
    defaultBranch: "master",
    files: {
      "pkg/webhook/webhook.go": CODE,
      "README.md": "# operator\n",
      VERSION: "v1.5.0\n",
      ".github/workflows/ci.yml": CI,
    },
  });
  sandbox.setPermission(repo, "maintainer", "maintain");
  if (rules === "on") turnRulesOn(repo, permissions);
  await repo.createBranch("release-1.5", "master", { as: "maintainer" });
  await sandbox.idle();
  await repo.commit({
    branch: "master",
    files: { "docs/feature.md": "A feature.\n" },
    message: "Add a feature",
    as: "maintainer",
  });
  await repo.commit({
    branch: "release-1.5",
    files:
      kind === "conflict"
        ? { "pkg/webhook/webhook.go": CODE.replace("spec.Check()", "spec.Validate()") }
        : { "README.md": "# operator 1.5\n" },
    message: "Release 1.5 housekeeping",
    as: "maintainer",
  });
  const ana = { name: "Ana", email: "ana@example.com", login: "ana" };
  const fixFiles: Record<string, string> =
    kind === "workflows"
      ? { ".github/workflows/ci.yml": CI.replace("checkout@v4", "checkout@v5") }
      : { "pkg/webhook/webhook.go": FIXED };
  await repo.commit({
    branch: "fix",
    from: "master",
    files: fixFiles,
    message: "Fix it\n\nSigned-off-by: Ana <ana@example.com>",
    author: ana,
    as: "ana",
  });
  const expected = { ...fixFiles };
  if (kind === "dropped-empty") {
    // A second commit whose change reaches master (and release-1.5) another way first: a rebase
    // merge drops it, and it is on the target already.
    const notes = { "docs/notes.md": "Known issues.\n" };
    await repo.commit({
      branch: "fix",
      files: notes,
      message: "Add notes",
      author: ana,
      as: "ana",
    });
    await repo.commit({
      branch: "master",
      files: notes,
      message: "Add notes (from another PR)",
      as: "maintainer",
    });
    await repo.commit({
      branch: "release-1.5",
      files: notes,
      message: "Add notes (picked earlier)",
      as: "maintainer",
    });
  }
  const pr = await repo.openPullRequest({
    head: "fix",
    base: "master",
    title: "Fix the webhook panic",
    body: "Fixes #1.\n",
    user: "ana",
  });
  await repo.addLabels(pr.number as number, ["cherry-pick/release-1.5"], { as: "maintainer" });
  await sandbox.idle();
  await repo.mergePullRequest(pr.number as number, { method, as: "maintainer" });
  await sandbox.idle();
  return { repo, number: pr.number as number, expected };
}

/** The bot's status comment on the pull request. */
export function statusComment(repo: SandboxRepo, number: number): string {
  const comments = repo
    .comments(number)
    .filter((c) => c.body.includes("release-bot:cherry-pick-status"));
  if (comments.length !== 1) throw new Error(`${comments.length} status comments on #${number}`);
  return comments[0]?.body ?? "";
}
