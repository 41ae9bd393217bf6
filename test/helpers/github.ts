import nock from "nock";
import { OWNER, REPO } from "./payloads.js";

export const API = "https://api.github.com";
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;

/** A nock scope on GitHub's API. Every test ends with `scope.done()`: no call missing, none extra. */
export function github(): nock.Scope {
  return nock(API);
}

/**
 * The reads Probot's `context.config("release-bot.yml")` makes: the repository's file, and when
 * it is absent the organisation's `.github` repository.
 */
export function mockConfig(scope: nock.Scope, yaml: string | null): nock.Scope {
  const path = `${REPO_PATH}/contents/${encodeURIComponent(".github/release-bot.yml")}`;
  if (yaml !== null)
    return scope.get(path).reply(200, yaml, { "content-type": "text/plain; charset=utf-8" });
  return scope
    .get(path)
    .reply(404, { message: "Not Found" })
    .get(`/repos/${OWNER}/.github/contents/${encodeURIComponent(".github/release-bot.yml")}`)
    .reply(404, { message: "Not Found" });
}

/** A configuration with the cherry-pick preview off, for tests of something else on open pull requests. */
export const WITHOUT_PREVIEW = "checks:\n  cherryPickPreview: false\n";
