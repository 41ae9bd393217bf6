import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import type {
  Snapshot,
  SnapshotComment,
  SnapshotPull,
  SnapshotRelease,
  SnapshotTagPush,
} from "./counters.js";

const ZERO_SHA = "0".repeat(40);

/**
 * Reads what the counters count from the local GitHub: git (commits reachable from branches and
 * tags, tag refs), its in-memory state (releases, pulls, comments) and its logs (webhook
 * deliveries, requests answered by an injected fault).
 */
export async function takeSnapshot(sandbox: Sandbox, repo: SandboxRepo): Promise<Snapshot> {
  const takenAt = Date.now();
  // The pick engine's temporary branches are scratch space (an interrupted pick leaves one for
  // reconcile to delete): what they hold is no effect a user sees, so it is not counted.
  const log = await repo.git(
    "log",
    "--exclude=release-bot/tmp/*",
    "--branches",
    "--tags",
    "--format=%x1e%H%x1f%s",
    "--name-only",
  );
  const commits = [];
  for (const entry of log.split("\x1e").filter((e) => e.trim())) {
    const [header = "", ...files] = entry.split("\n");
    const [sha = "", subject = ""] = header.split("\x1f");
    const version = files.includes("VERSION") ? await repo.readFile(sha, "VERSION") : null;
    commits.push({ sha, subject, version });
  }
  const tagRefs = (await repo.tags()).map((t) => ({
    name: t.name,
    object: t.sha,
    commit: t.commit,
  }));
  const tagPushes: SnapshotTagPush[] = [];
  for (const d of sandbox.webhooks.find({ event: "push" })) {
    const p = d.payload as { ref: string; after: string; pusher: { name: string } };
    if (d.redelivery || !p.ref.startsWith("refs/tags/") || p.after === ZERO_SHA) continue;
    const commit = (await repo.git("rev-parse", `${p.after}^{commit}`).catch(() => "")).trim();
    tagPushes.push({
      seq: d.seq,
      tag: p.ref.slice("refs/tags/".length),
      object: p.after,
      commit: commit || null,
      pusher: p.pusher.name,
    });
  }
  const releases: SnapshotRelease[] = repo.releases().map((r) => {
    const release = r as { id: number; tag_name: string; name: string | null };
    return { id: release.id, tagName: release.tag_name, name: release.name ?? "" };
  });
  const pulls: SnapshotPull[] = [];
  for (const number of repo.pulls({ state: "all" })) {
    const pull = (await repo.pull(number)) as unknown as {
      title: string;
      body: string | null;
      head: { ref: string };
      base: { ref: string };
      user: { login: string };
    };
    pulls.push({
      number,
      title: pull.title,
      body: pull.body ?? "",
      head: pull.head.ref,
      base: pull.base.ref,
      user: pull.user.login,
    });
  }
  const comments: SnapshotComment[] = [];
  // Issues and pull requests share one numbering without gaps.
  for (let issue = 1; hasIssue(repo, issue); issue++) {
    for (const c of repo.comments(issue)) {
      const user = (c.user as { login?: string } | undefined)?.login ?? "";
      comments.push({ id: c.id, issue, user, body: c.body });
    }
  }
  return {
    bot: sandbox.app.botLogin,
    commits,
    tagRefs,
    tagPushes,
    releases,
    pulls,
    comments,
    deliveries: sandbox.webhooks.find({}).map((d) => ({
      seq: d.seq,
      sender: (d.payload as { sender?: { login?: string } }).sender?.login ?? "",
      attempts: d.attempts.length,
      dropped: d.state === "dropped",
    })),
    faultedRequests: sandbox.requests.filter((r) => r.fault).map((r) => r.at),
    takenAt,
  };
}

function hasIssue(repo: SandboxRepo, number: number): boolean {
  try {
    repo.issue(number);
    return true;
  } catch {
    return false;
  }
}
