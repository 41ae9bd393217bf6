/** The state of the local GitHub before and after a step, and what the step changed. */
import type { Octokit } from "@octokit/rest";
import type { SandboxRepo } from "@release-bot/local-github";
import type { Config } from "../../../src/config.js";
import { describeCommit, versionFieldsAt } from "./git-facts.js";
import type { CheckChange, PullChange, ReleaseChange, StepReport } from "./report.js";

export interface Snapshot {
  /** Branch name → head. */
  branches: Map<string, string>;
  /** Tag name → what the tag ref points to (a tag object for an annotated tag). */
  tags: Map<string, { target: string; commit: string }>;
  releases: Map<string, ReleaseChange>;
  pulls: Map<number, PullChange>;
  /** The bot's comments, id → body, in the order they were made. */
  botComments: Map<number, string>;
  /** Check runs on the pull requests' heads, by id. */
  checks: Map<number, CheckChange>;
}

export interface Observer {
  repo: SandboxRepo;
  /** Reads as a user of its own, so the bot's calls stay apart in the request log. */
  octokit: Octokit;
  botLogin: string;
  config: Config;
}

export async function takeSnapshot(observer: Observer): Promise<Snapshot> {
  const { repo, octokit, botLogin } = observer;
  const [owner, name] = [repo.owner, repo.name];
  const branches = new Map<string, string>();
  for (const branch of await repo.branches()) {
    branches.set(branch, (await repo.resolve(`refs/heads/${branch}`)) ?? "");
  }
  const tags = new Map<string, { target: string; commit: string }>();
  for (const tag of await repo.tags()) tags.set(tag.name, { target: tag.sha, commit: tag.commit });
  const releases = new Map<string, ReleaseChange>();
  for (const release of repo.releases() as Array<Record<string, unknown>>) {
    const tag = String(release.tag_name);
    releases.set(tag, {
      tag,
      prerelease: release.prerelease === true,
      body: String(release.body ?? ""),
    });
  }
  const pulls = new Map<number, PullChange>();
  const listed = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo: name,
    state: "all",
    per_page: 100,
  });
  for (const p of listed) {
    pulls.set(p.number, {
      number: p.number,
      title: p.title,
      base: p.base.ref,
      head: p.head.ref,
      merged: p.merged_at !== null,
      draft: p.draft === true,
      labels: p.labels.map((l) => l.name),
    });
  }
  const checks = await checkRunsOn(observer, new Set(listed.map((p) => p.head.sha)));
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner,
    repo: name,
    state: "all",
    per_page: 100,
  });
  const botComments = new Map<number, string>();
  const numbers = issues.map((i) => i.number).sort((a, b) => a - b);
  const comments = numbers.flatMap((n) => repo.comments(n));
  for (const comment of comments.sort((a, b) => a.id - b.id)) {
    const user = comment.user as { login?: string } | null;
    if (user?.login === botLogin) botComments.set(comment.id, comment.body);
  }
  return { branches, tags, releases, pulls, botComments, checks };
}

/** The check runs on these commits, by id. */
async function checkRunsOn(
  observer: Observer,
  shas: ReadonlySet<string>,
): Promise<Map<number, CheckChange>> {
  const { repo, octokit } = observer;
  const runs = new Map<number, CheckChange>();
  for (const sha of shas) {
    const listed = await octokit.paginate(octokit.rest.checks.listForRef, {
      owner: repo.owner,
      repo: repo.name,
      ref: sha,
      per_page: 100,
    });
    for (const run of listed) {
      runs.set(run.id, { name: run.name, sha: run.head_sha, conclusion: run.conclusion });
    }
  }
  return runs;
}

/** What changed between two snapshots: replies, refs, releases, pulls and the new commits. */
export async function stepChanges(
  observer: Observer,
  step: string,
  before: Snapshot,
  after: Snapshot,
): Promise<StepReport> {
  const { repo, config } = observer;
  const changed = <K, V>(a: Map<K, V>, b: Map<K, V>) =>
    [...b].filter(([k, v]) => JSON.stringify(a.get(k)) !== JSON.stringify(v));
  const branches = [
    ...changed(before.branches, after.branches).map(([name, sha]) => ({ name, sha })),
    ...[...before.branches.keys()]
      .filter((name) => !after.branches.has(name))
      .map((name) => ({ name, sha: null })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const tags = [];
  for (const [name, tag] of changed(before.tags, after.tags)) {
    tags.push({
      name,
      sha: tag.commit,
      annotated: tag.target !== tag.commit,
      versions: await versionFieldsAt(repo, config, tag.commit),
    });
  }
  const known = [...before.branches.values(), ...[...before.tags.values()].map((t) => t.target)];
  const commits = [];
  const listed = new Set<string>();
  for (const branch of branches) {
    if (branch.sha === null) continue;
    const out = await repo.git(
      "rev-list",
      "--reverse",
      "--topo-order",
      branch.sha,
      ...(known.length > 0 ? ["--not", ...new Set(known)] : []),
    );
    for (const sha of out.split("\n").filter(Boolean)) {
      if (listed.has(sha)) continue;
      listed.add(sha);
      commits.push(await describeCommit(repo, sha, branch.name));
    }
  }
  // Runs on the pull requests' heads, and on the commits the step put on branches.
  const onBranches = await checkRunsOn(
    observer,
    new Set(branches.flatMap((b) => (b.sha === null ? [] : [b.sha]))),
  );
  const checks = [...new Map([...after.checks, ...onBranches])]
    .filter(([id]) => !before.checks.has(id))
    .sort(([a], [b]) => a - b)
    .map(([, run]) => run);
  return {
    step,
    replies: changed(before.botComments, after.botComments).map(([, body]) => body),
    branches,
    tags,
    releases: changed(before.releases, after.releases).map(([, r]) => r),
    pulls: changed(before.pulls, after.pulls)
      .map(([, p]) => p)
      .sort((a, b) => a.number - b.number),
    commits,
    checks,
  };
}
