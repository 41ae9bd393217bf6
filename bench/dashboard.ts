/**
 * What a dashboard edit costs after each kind of event: the real app on the local GitHub, every
 * handler wrapped to count the GitHub calls of the dashboard's handlers per delivery, the
 * configuration read (shared by every handler of a delivery) counted apart.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { CONTRIBUTOR, INITIAL_FILES, MAINTAINER } from "@release-bot/local-github/testing";
import type { Context } from "probot";
import type { HandlerWrapper } from "../src/index.js";
import type { DeliveryWrapper } from "../src/observability/delivery-observer.js";
import { startWorld } from "../test/world/index.js";

export interface DashboardCost {
  /** `push`, `pull_request.closed`, `create`, ... */
  event: string;
  /** Calls of the dashboard's own work: listing, reads, edit. */
  calls: number;
  /** Calls reading the configuration file. */
  configCalls: number;
  /** The delivery created the dashboard (a full read), rather than editing it. */
  created: boolean;
}

/** The handlers that edit the dashboard. */
const DASHBOARD_HANDLERS = new Set([
  "onTagCreatedForDashboard",
  "onPullRequestForDashboard",
  "onPushForDashboard",
  "onStatusCommentForDashboard",
]);

const CHECK_ROUTES = /\/check-runs|\/git\/commits\/|\/git\/trees\/|\/git\/blobs\//;

export async function runDashboardBenchmark(): Promise<DashboardCost[]> {
  const costs: DashboardCost[] = [];
  // An event's handlers share one context and one Octokit: each call is put down to the
  // handler it runs under (AsyncLocalStorage, fine in a benchmark, kept out of the bot itself).
  const running = new AsyncLocalStorage<{ name: string; cost: Omit<DashboardCost, "event"> }>();
  const perDelivery: DeliveryWrapper = (handler) => async (context) => {
    context.octokit.hook.wrap("request", async (request, options) => {
      const cost = running.getStore()?.cost;
      const url = String(options.url);
      // The checks run in the same handlers: their reads and check runs are not the dashboard's.
      if (!cost || CHECK_ROUTES.test(url)) return request(options);
      if (url.includes("/contents/")) cost.configCalls++;
      else cost.calls++;
      if (options.method === "POST" && url.endsWith("/issues")) cost.created = true;
      return request(options);
    });
    await handler(context);
  };
  const perHandler: HandlerWrapper = (handler) => async (context: Context, delivery) => {
    if (!DASHBOARD_HANDLERS.has(handler.name)) return handler(context, delivery);
    const cost = { calls: 0, configCalls: 0, created: false };
    await running.run({ name: handler.name, cost }, () => handler(context, delivery));
    const action = "action" in context.payload ? `.${String(context.payload.action)}` : "";
    if (cost.calls > 0) costs.push({ event: `${context.name}${action}`, ...cost });
  };

  const world = await startWorld({
    logLevel: "warn",
    observe: perDelivery,
    eachHandler: perHandler,
    sandbox: { deliveryMode: "sequential", deliveryTimeoutMs: 10_000 },
  });
  const { sandbox, repo } = world;
  try {
    await repo.commit({
      branch: "master",
      files: { ".github/release-bot.yml": "release:\n  mode: direct\n" },
      message: "Configure release-bot",
      author: MAINTAINER,
    });
    await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await sandbox.idle();
    await repo.commit({
      branch: "release-1.5",
      files: { "docs/notes.md": "notes\n" },
      message: "Add release notes",
      author: MAINTAINER,
    });
    await repo.createBranch("fix/timeout", "master", { as: CONTRIBUTOR });
    await repo.commit({
      branch: "fix/timeout",
      files: {
        "internal/controller/executor.go":
          INITIAL_FILES["internal/controller/executor.go"]?.replace("= 60", "= 90") ?? "",
      },
      message: "Raise the timeout",
      author: CONTRIBUTOR,
    });
    const fix = await repo.openPullRequest({
      head: "fix/timeout",
      title: "Raise the timeout",
      user: CONTRIBUTOR,
    });
    await repo.addLabels(fix.number, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    await sandbox.idle();
    await repo.mergePullRequest(fix.number, { method: "squash", as: MAINTAINER });
    await sandbox.idle();
    for (const pick of repo.pulls({ state: "open", base: "release-1.5" })) {
      await repo.mergePullRequest(pick, { method: "squash", as: MAINTAINER });
    }
    await sandbox.idle();
    const tracking = await repo.openIssue({ title: "Tracking", user: MAINTAINER });
    await repo.comment(tracking, "/rc 1.5", { as: MAINTAINER });
    await sandbox.idle();
  } finally {
    await world.close();
  }
  return costs;
}

/** One row per event kind: the most calls a dashboard edit took after it. */
export function dashboardTable(costs: readonly DashboardCost[]): string {
  const rows = new Map<string, { calls: number; config: number; n: number }>();
  for (const c of costs.filter((c) => !c.created)) {
    const row = rows.get(c.event) ?? { calls: 0, config: 0, n: 0 };
    rows.set(c.event, {
      calls: Math.max(row.calls, c.calls),
      config: Math.max(row.config, c.configCalls),
      n: row.n + 1,
    });
  }
  const created = costs.find((c) => c.created);
  return [
    "| event | deliveries | dashboard calls (max) | + configuration read |",
    "|---|---:|---:|---:|",
    ...[...rows].map(([event, r]) => `| ${event} | ${r.n} | ${r.calls} | ${r.config} |`),
    ...(created
      ? [
          `| ${created.event}, creating it (full read) | 1 | ${created.calls} | ${created.configCalls} |`,
        ]
      : []),
  ].join("\n");
}

export function dashboardChecks(costs: readonly DashboardCost[]): Array<{
  target: string;
  measured: string;
  pass: boolean;
}> {
  const edits = costs.filter((c) => !c.created);
  const most = Math.max(0, ...edits.map((c) => c.calls));
  return [
    {
      target: "dashboard edit after an event ≤ 4 API calls (configuration read aside)",
      measured: `${most} at most, over ${edits.length} edits`,
      pass: edits.length > 0 && most <= 4,
    },
  ];
}
