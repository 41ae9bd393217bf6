import type nock from "nock";
import { REPO_PATH } from "./github.js";

/**
 * The one listing the dashboard makes after an event on a release line (a pull request into the
 * branch opened, closed or merged; a pick status comment), answered with no dashboard: nothing
 * more is read or written until a tag or reconcile creates it.
 */
export function noDashboard(scope: nock.Scope, times = 1): void {
  scope
    .get(`${REPO_PATH}/issues`)
    .query({ state: "open", labels: "release-bot/dashboard", per_page: "100" })
    .times(times)
    .reply(200, []);
}
