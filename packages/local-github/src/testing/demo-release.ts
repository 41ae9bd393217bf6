/**
 * The demo release: the demo operator's people play a whole release line on the local GitHub
 * (`/branch 1.5`, a picked fix, candidates, a refused and an accepted final, a rebase-merged
 * fix, a patch candidate, a conflicting pick) and what it left is read back with git. The bot is
 * whoever is subscribed: `npm run demo` and the end-to-end tests give the real one.
 */
import type { Sandbox } from "../sandbox.js";
import type { SandboxRepo } from "../script.js";
import { CONTRIBUTOR, DEFAULT_BRANCH, INITIAL_FILES, MAINTAINER } from "./demo-operator.js";
import { type DemoRecord, readDashboard, readTag, type TagRecord } from "./demo-record.js";

export type Narrate = (line: string) => void;

/** Plays a whole release of the demo operator against the sandbox, narrating each step. */
export async function playDemo(
  env: { sandbox: Sandbox; repo: SandboxRepo },
  narrate: Narrate,
): Promise<DemoRecord> {
  const { sandbox, repo } = env;
  const bot = sandbox.app.botLogin;
  const replies: Record<string, string> = {};

  const say = async (issue: number, body: string, as: string, key: string) => {
    narrate(`\n▶ @${as} comments \`${body}\` on #${issue}`);
    const posted = await repo.comment(issue, body, { as });
    await sandbox.idle();
    const reply = botComments(repo, issue, bot)
      .filter((c) => c.id > posted.id)
      .at(-1);
    replies[key] = reply?.body ?? "";
    narrate(`  release-bot: ${plain(replies[key] ?? "(no reply)")}`);
  };

  const mergeFix = async (fix: {
    branch: string;
    title: string;
    commits: Array<{ message: string; files: Record<string, string> }>;
    method: "merge" | "squash" | "rebase";
    label: string;
  }) => {
    await repo.createBranch(fix.branch, DEFAULT_BRANCH, { as: CONTRIBUTOR });
    for (const commit of fix.commits) {
      await repo.commit({
        branch: fix.branch,
        files: commit.files,
        message: commit.message,
        author: CONTRIBUTOR,
      });
    }
    const pr = await repo.openPullRequest({
      head: fix.branch,
      base: DEFAULT_BRANCH,
      title: fix.title,
      body: `Fixes a bug users hit.\n\n\`\`\`release-note\nFixed: ${fix.title}\n\`\`\``,
      user: CONTRIBUTOR,
    });
    await repo.addLabels(pr.number, ["kind/bug", fix.label], { as: MAINTAINER });
    await sandbox.idle();
    narrate(
      `\n▶ @${CONTRIBUTOR} opens #${pr.number} "${fix.title}" (${fix.commits.length} commit(s)); @${MAINTAINER} labels it ${fix.label} and merges it (${fix.method})`,
    );
    await repo.mergePullRequest(pr.number, { method: fix.method, as: MAINTAINER });
    await sandbox.idle();
    return pr.number as number;
  };

  const mergePick = async (original: number, base: string) => {
    const open = await Promise.all(
      repo.pulls({ state: "open", base }).map((n) => pullSummary(repo, n)),
    );
    const pick = open.find((p) => p.body.startsWith(`Cherry-pick of #${original} onto ${base}`));
    if (!pick) {
      narrate(`  no pick pull request for #${original} on ${base}`);
      return;
    }
    narrate(
      `  release-bot opened #${pick.number} "${pick.title}" → ${base}; @${MAINTAINER} merges it`,
    );
    await repo.mergePullRequest(pick.number, { method: "squash", as: MAINTAINER });
    await sandbox.idle();
  };

  const tracking = await repo.openIssue({
    title: "Release 1.5",
    body: "Tracking the 1.5 release.",
    user: MAINTAINER,
  });
  await sandbox.idle();

  // 1. The release branch and its first candidate.
  await say(tracking, "/branch 1.5", MAINTAINER, "branch");
  narrate(`  ${await describeTag(repo, "v1.5.0-rc.0")}`);

  // 2. A fix on master, labelled for the release line, squash-merged: picked.
  const fix1 = await mergeFix({
    branch: "fix/executor-timeout",
    title: "Raise the executor start timeout to 120s",
    commits: [
      {
        message:
          "Raise the executor start timeout to 120s\n\nSigned-off-by: Contributor <contributor@example.com>",
        files: {
          "internal/controller/executor.go":
            INITIAL_FILES["internal/controller/executor.go"]?.replace("= 60", "= 120") ?? "",
        },
      },
    ],
    method: "squash",
    label: "cherry-pick/release-1.5",
  });
  await mergePick(fix1, "release-1.5");

  // 3. The next candidate, a refused final from a contributor, then the final.
  await say(tracking, "/rc 1.5", MAINTAINER, "rc1");
  narrate(`  ${await describeTag(repo, "v1.5.0-rc.1")}`);
  await say(tracking, "/release 1.5", CONTRIBUTOR, "refused");
  await say(tracking, "/release 1.5", MAINTAINER, "final");
  narrate(`  ${await describeTag(repo, "v1.5.0")}`);

  // 4. A two-commit fix, rebase-merged, then a patch candidate.
  const fix2 = await mergeFix({
    branch: "fix/cleanup",
    title: "Clean up finished executors",
    commits: [
      {
        message:
          "Delete finished executor pods\n\nSigned-off-by: Contributor <contributor@example.com>",
        files: {
          "internal/controller/executor.go": `${INITIAL_FILES["internal/controller/executor.go"]?.replace("= 60", "= 120") ?? ""}\n// cleanupBatch bounds one cleanup pass.\nconst cleanupBatch = 50\n`,
        },
      },
      {
        message: "Log executor cleanup\n\nSigned-off-by: Contributor <contributor@example.com>",
        files: {
          "internal/controller/cleanup_log.go":
            'package controller\n\nconst cleanupLog = "cleaned up executors"\n',
        },
      },
    ],
    method: "rebase",
    label: "cherry-pick/release-1.5",
  });
  await mergePick(fix2, "release-1.5");
  await say(tracking, "/rc 1.5", MAINTAINER, "patchRc");
  narrate(`  ${await describeTag(repo, "v1.5.1-rc.0")}`);

  // 5. A fix that conflicts with a change made only on the release branch.
  narrate(`\n▶ @${MAINTAINER} pins the Go image on release-1.5 directly`);
  await repo.commit({
    branch: "release-1.5",
    files: { Dockerfile: (INITIAL_FILES.Dockerfile ?? "").replace("golang:1.22", "golang:1.22.5") },
    message:
      "Pin golang 1.22.5 for the 1.5 line\n\nSigned-off-by: Maintainer <maintainer@example.com>",
    author: MAINTAINER,
  });
  await sandbox.idle();
  const fix3 = await mergeFix({
    branch: "fix/go-1.23",
    title: "Build with Go 1.23",
    commits: [
      {
        message: "Build with Go 1.23\n\nSigned-off-by: Contributor <contributor@example.com>",
        files: {
          Dockerfile: (INITIAL_FILES.Dockerfile ?? "").replace("golang:1.22", "golang:1.23"),
        },
      },
    ],
    method: "merge",
    label: "cherry-pick/release-1.5",
  });
  const status = botComments(repo, fix3, bot).at(-1);
  const conflictComment = status?.body ?? null;
  narrate(`  release-bot on #${fix3}: ${plain(conflictComment ?? "(no status comment)")}`);
  narrate(`  labels on #${fix3}: ${repo.labels(fix3).join(", ")}`);

  const tags: TagRecord[] = [];
  for (const tag of await repo.tags()) tags.push(await readTag(repo, tag.name));
  const releaseBranchLog = await repo.git("log", "--format=%h %s", "release-1.5");
  const pickPulls = (
    await Promise.all(repo.pulls({ state: "all" }).map((n) => pullSummary(repo, n)))
  )
    .filter((p) => p.title.startsWith("[release-"))
    .map(({ number, title, base, merged }) => ({ number, title, base, merged }));
  const dashboard = await readDashboard(sandbox, repo, "1.5");
  return {
    tags,
    replies,
    pickPulls,
    conflictComment,
    releaseBranchLog,
    dashboard,
    gitDir: repo.gitDir,
  };
}

interface PullSummary {
  number: number;
  title: string;
  body: string;
  base: string;
  merged: boolean;
}

async function pullSummary(repo: SandboxRepo, number: number): Promise<PullSummary> {
  const pull = (await repo.pull(number)) as {
    number: number;
    title: string;
    body: string | null;
    base: { ref: string };
    merged_at: string | null;
  };
  return {
    number: pull.number,
    title: pull.title,
    body: pull.body ?? "",
    base: pull.base.ref,
    merged: pull.merged_at !== null,
  };
}

function botComments(
  repo: SandboxRepo,
  issue: number,
  bot: string,
): Array<{ id: number; body: string }> {
  return repo
    .comments(issue)
    .filter((c) => (c.user as { login?: string } | undefined)?.login === bot)
    .map((c) => ({ id: c.id, body: c.body }));
}

async function describeTag(repo: SandboxRepo, tag: string): Promise<string> {
  const t = await readTag(repo, tag).catch(() => null);
  if (!t) return `${tag}: not tagged`;
  return `${tag} → ${t.commit.slice(0, 7)}: Chart.yaml version ${t.chartVersion}, appVersion ${t.chartAppVersion}; VERSION ${t.versionFile}`;
}

/** A reply as a person reads it in a terminal: links reduced to their text, markers dropped. */
export function plain(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .replace(/\n+/g, "\n  ");
}
