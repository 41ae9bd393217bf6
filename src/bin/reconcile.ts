import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { Probot } from "probot";
import { ReleaseBotOctokit } from "../github/octokit.js";
import { DEFAULT_RECONCILE, formatReconcile, reconcileInstallations } from "../reconcile.js";
import { readCredentials } from "./credentials.js";

const USAGE = `Usage: npm run reconcile -- [--repo owner/name ...] [--max-pull-requests N] [--base-url URL]

Finds what lost webhooks left undone and does it: release branches without their first
candidate, merged pull requests with cherry-pick labels and no pick. Without --repo, every
repository of every installation of the App. Needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH).`;

if (existsSync(".env")) process.loadEnvFile(".env");

const { values } = parseArgs({
  options: {
    repo: { type: "string", multiple: true },
    "max-pull-requests": { type: "string", default: String(DEFAULT_RECONCILE.maxPullRequests) },
    "base-url": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const found = readCredentials(process.env, { needsSecret: false });
const maxPullRequests = Number(values["max-pull-requests"]);
if (found.kind === "invalid") {
  console.error(`release-bot reconcile: ${found.message}`);
  process.exit(1);
}
if (
  values.help ||
  found.kind === "absent" ||
  !Number.isInteger(maxPullRequests) ||
  maxPullRequests < 1
) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
const { credentials } = found;

const probot = new Probot({
  appId: credentials.appId,
  privateKey: credentials.privateKey,
  Octokit: ReleaseBotOctokit,
  logLevel: (process.env.LOG_LEVEL as "info" | undefined) ?? "info",
  ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}),
});
const results = await reconcileInstallations(probot, {
  maxPullRequests,
  ...(values.repo ? { repos: values.repo } : {}),
});
console.log(formatReconcile(results));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
