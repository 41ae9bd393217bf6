import type { Logger, Probot } from "probot";
import type { Clock } from "./clock.js";
import { type FlowContext, standaloneScope } from "./flows/context.js";
import { reconcileAwaitedTags } from "./flows/reconcile/awaited-tags.js";
import { reconcileCherryPicks } from "./flows/reconcile/cherry-picks.js";
import { reconcileDashboards } from "./flows/reconcile/dashboards.js";
import {
  type ReconcileItem,
  reconcileReleaseBranches,
} from "./flows/reconcile/release-branches.js";
import { reconcileTemporaryBranches } from "./flows/reconcile/temporary-branches.js";
import { loadRepositoryConfig } from "./github/config-file.js";
import type { GitHub, RepoId } from "./github/types.js";

export interface ReconcileOptions {
  /** How many recently closed pull requests to look at for lost pick requests. */
  maxPullRequests: number;
  /** The time staleness and timeouts are read on (default: real time). */
  clock?: Clock;
}

export const DEFAULT_RECONCILE: ReconcileOptions = { maxPullRequests: 100 };

export type RepositoryReconcile =
  | { repo: string; ok: true; items: ReconcileItem[] }
  | { repo: string; ok: false; error: string };

/**
 * Finds what lost webhooks and crashes left undone in one repository (temporary branches left
 * behind, release branches without their first candidate, merged pull requests with pick labels
 * and no pick) and does it. Idempotent: a second run does nothing.
 */
export async function reconcileRepository(
  github: GitHub,
  repo: RepoId,
  log: Logger,
  options: ReconcileOptions = DEFAULT_RECONCILE,
): Promise<RepositoryReconcile> {
  const name = `${repo.owner}/${repo.repo}`;
  const loaded = await loadRepositoryConfig(github, repo);
  if (!loaded.ok) return { repo: name, ok: false, error: loaded.error };
  const { data } = await github.rest.repos.get({ ...repo });
  const ctx: FlowContext = {
    github,
    repo,
    repoUrl: data.html_url,
    repoNodeId: data.node_id,
    config: loaded.config,
    log,
    delivery: standaloneScope(options.clock),
  };
  const items = [
    ...(await reconcileTemporaryBranches(ctx)),
    ...(await reconcileReleaseBranches(ctx)),
    ...(await reconcileCherryPicks(ctx, options)),
    ...(await reconcileAwaitedTags(ctx)),
  ];
  // After the repairs above, so the dashboards show what they did.
  await reconcileDashboards(ctx);
  return { repo: name, ok: true, items };
}

/** Every repository of every installation of the App, or the named ones. */
export async function reconcileInstallations(
  probot: Probot,
  options: ReconcileOptions & { repos?: readonly string[] },
): Promise<RepositoryReconcile[]> {
  const app = await probot.auth();
  const results: RepositoryReconcile[] = [];
  const wanted = options.repos?.map(parseRepo);
  const targets: Array<{ installation: number; repo: RepoId }> = [];
  if (wanted) {
    for (const repo of wanted) {
      const { data } = await app.rest.apps.getRepoInstallation({ ...repo });
      targets.push({ installation: data.id, repo });
    }
  } else {
    const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
    for (const installation of installations) {
      const github = await probot.auth(installation.id);
      const repos = await github.paginate(github.rest.apps.listReposAccessibleToInstallation, {
        per_page: 100,
      });
      for (const r of repos)
        targets.push({
          installation: installation.id,
          repo: { owner: r.owner.login, repo: r.name },
        });
    }
  }
  for (const target of targets) {
    const github = await probot.auth(target.installation);
    try {
      results.push(await reconcileRepository(github, target.repo, probot.log, options));
    } catch (error) {
      const name = `${target.repo.owner}/${target.repo.repo}`;
      probot.log.error({ err: error, repo: name }, "reconcile failed");
      results.push({
        repo: name,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}

export function parseRepo(text: string): RepoId {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(text.trim());
  if (!match?.[1] || !match[2])
    throw new Error(`"${text}" is not a repository; give it as owner/name`);
  return { owner: match[1], repo: match[2] };
}

/** One line per repository and item, for a person reading the command's output. */
export function formatReconcile(results: readonly RepositoryReconcile[]): string {
  const lines: string[] = [];
  for (const result of results) {
    if (!result.ok) {
      lines.push(`${result.repo}: not reconciled: ${result.error}`);
      continue;
    }
    if (result.items.length === 0) lines.push(`${result.repo}: nothing to do`);
    for (const item of result.items) {
      lines.push(
        `${result.repo}: ${item.subject}: ${item.result.status}: ${item.result.message.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")}`,
      );
    }
  }
  return lines.join("\n");
}

/**
 * The reconcile pass on a timer inside the server, for deployments that want lost webhooks
 * repaired without a CronJob. Runs are never concurrent within one replica; across replicas the
 * flows' own locks make overlapping runs harmless.
 */
export function scheduleReconcile(probot: Probot, minutes: number): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(
    () => {
      if (running) return;
      running = true;
      reconcileInstallations(probot, DEFAULT_RECONCILE)
        .then((results) =>
          probot.log.info({ reconcile: formatReconcile(results) }, "reconcile pass done"),
        )
        .catch((error: unknown) => probot.log.error({ err: error }, "reconcile pass failed"))
        .finally(() => {
          running = false;
        });
    },
    minutes * 60 * 1000,
  );
  timer.unref();
  return timer;
}
