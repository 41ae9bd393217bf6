/** Reading the sandbox's request log: which calls the bot made, and how many were sequential. */
import type { Sandbox } from "@release-bot/local-github";

export type RequestEntry = Sandbox["requests"][number];

/** Requests made by the bot (its installation token, or the App's JWT for a token) since `from`. */
export function botRequests(sandbox: Sandbox, from: number): RequestEntry[] {
  const bot = sandbox.app.botLogin;
  return sandbox.requests
    .slice(from)
    .filter((r) => r.actor === bot || r.actor === "app")
    .sort((a, b) => a.at - b.at);
}

/**
 * `GET /repos/o/r/git/trees/<sha>?recursive=true` → `GET git/trees/{sha}?recursive=true`: the
 * call as the docs' tables show it; the organisation's `.github` repository is marked `(org)`.
 */
export function describeCall(entry: RequestEntry): string {
  const repo = /^\/repos\/[^/]+\/([^/]+)\/?/.exec(entry.path);
  const org = repo?.[1] === ".github" ? "(org .github) " : "";
  const path = decodeURIComponent(entry.path)
    .replace(/^\/repos\/[^/]+\/[^/]+\/?/, "")
    .replace(/[0-9a-f]{40}/g, "{sha}")
    .replace(/\/\d+(?=\/|$)/g, "/{n}")
    .replace(/cherry-pick-\d+-to-/g, "cherry-pick-{n}-to-");
  const query = entry.url.includes("?")
    ? `?${decodeURIComponent(entry.url.split("?")[1] ?? "")}`
        .replace(/[0-9a-f]{40}/g, "{sha}")
        .replace(/head=[^&]*/, "head={pick branch}")
    : "";
  return `${entry.method} ${org}${path || entry.path}${query}`;
}

/**
 * Sequential steps (round-trips on the critical path) in a list of requests sorted by start: a
 * request that starts before every request of the current step has answered runs in parallel
 * with them; one that starts after starts a new step.
 */
export function sequentialSteps(requests: readonly RequestEntry[]): number {
  return groupSteps(requests).length;
}

function groupSteps(requests: readonly RequestEntry[]): RequestEntry[][] {
  const steps: RequestEntry[][] = [];
  let stepEnd = Number.NEGATIVE_INFINITY;
  for (const r of requests) {
    const end = r.at + r.durationMs;
    if (r.at >= stepEnd || steps.length === 0) {
      steps.push([r]);
      stepEnd = end;
    } else {
      steps.at(-1)?.push(r);
      stepEnd = Math.max(stepEnd, end);
    }
  }
  return steps;
}

/** Steps as above, each listed with its calls: `["GET branches/{x}", "GET git/blobs/{sha} ×3"]`. */
export function stepsOf(requests: readonly RequestEntry[]): string[][] {
  return groupSteps(requests).map((step) => {
    const counts = new Map<string, number>();
    for (const r of step) counts.set(describeCall(r), (counts.get(describeCall(r)) ?? 0) + 1);
    return [...counts].map(([call, n]) => (n > 1 ? `${call} ×${n}` : call));
  });
}

/** When a request's answer had been written (ms since the epoch). */
export function endOf(entry: RequestEntry): number {
  return entry.at + entry.durationMs;
}
