import { Octokit } from "@octokit/rest";
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { defaultConfig } from "../config.js";
import { dashboardTitle } from "../flows/line/dashboard.js";
import { MAINTAINER } from "./environment.js";

/** The body of a line's open dashboard issue, as a maintainer reads it on GitHub; null if none. */
export async function readDashboard(
  sandbox: Sandbox,
  repo: SandboxRepo,
  line: string,
): Promise<string | null> {
  const octokit = new Octokit({ baseUrl: sandbox.url, auth: sandbox.tokenFor(MAINTAINER) });
  const { data } = await octokit.rest.issues.listForRepo({
    owner: repo.owner,
    repo: repo.name,
    labels: defaultConfig.dashboard.label,
    state: "open",
  });
  return data.find((issue) => issue.title === dashboardTitle(line))?.body ?? null;
}
