/**
 * The claim on a first candidate against GitHub's REST API (nock): how many writes it makes
 * before it holds the claim, leaves it to another request, or gives up.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import { CLAIM_ATTEMPTS, claim } from "../../src/github/claims.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const HEAD = { sha: "a".repeat(40), treeSha: "b".repeat(40) };
const NOW = Date.parse("2026-03-01T12:00:00Z");
const CLAIM_REF = `heads/release-bot/tmp/claim/v1.5.0-rc.0`;
const STALE = "2026-03-01T11:40:00Z";
const FRESH = "2026-03-01T11:59:00Z";

/** One attempt: the claim commit, its ref refused as existing, the existing claim read. */
function attempt(scope: nock.Scope, mine: string, theirs: string, madeAt: string) {
  scope
    .post(`${REPO_PATH}/git/commits`)
    .reply(201, { sha: mine })
    .post(`${REPO_PATH}/git/refs`, { ref: `refs/${CLAIM_REF}`, sha: mine })
    .reply(422, { message: "Reference already exists" })
    .get(`${REPO_PATH}/git/ref/${encodeURIComponent(CLAIM_REF)}`)
    .reply(200, { node_id: "REF", object: { sha: theirs, type: "commit" } })
    .get(`${REPO_PATH}/git/commits/${theirs}`)
    .reply(200, { sha: theirs, committer: { date: madeAt } });
}

const deletion = (scope: nock.Scope, status: number, message?: string) =>
  scope
    .delete(`${REPO_PATH}/git/refs/${encodeURIComponent(CLAIM_REF)}`)
    .reply(status, message ? { message } : undefined);

describe("claim", () => {
  it("holds the claim when its ref is created", async () => {
    const scope = api()
      .post(`${REPO_PATH}/git/commits`)
      .reply(201, { sha: "c".repeat(40) })
      .post(`${REPO_PATH}/git/refs`)
      .reply(201, { node_id: "REF" });
    expect(await claim(github(), repo, "v1.5.0-rc.0", HEAD, () => NOW)).toEqual({
      status: "held",
    });
    scope.done();
  });

  it("leaves a fresh claim to the request that holds it", async () => {
    const scope = api();
    attempt(scope, "c".repeat(40), "d".repeat(40), FRESH);
    expect(await claim(github(), repo, "v1.5.0-rc.0", HEAD, () => NOW)).toEqual({
      status: "taken",
    });
    scope.done();
  });

  it("replaces a stale claim, once", async () => {
    const scope = api();
    attempt(scope, "c".repeat(40), "d".repeat(40), STALE);
    deletion(scope, 204);
    scope
      .post(`${REPO_PATH}/git/commits`)
      .reply(201, { sha: "e".repeat(40) })
      .post(`${REPO_PATH}/git/refs`)
      .reply(201, { node_id: "REF" });
    expect(await claim(github(), repo, "v1.5.0-rc.0", HEAD, () => NOW)).toEqual({
      status: "held",
    });
    scope.done();
  });

  it("stops at the first refused deletion of a stale claim and returns GitHub's refusal", async () => {
    const scope = api();
    attempt(scope, "c".repeat(40), "d".repeat(40), STALE);
    deletion(scope, 422, "Repository rule violations found\n\nCannot delete this branch\n\n");
    const result = await claim(github(), repo, "v1.5.0-rc.0", HEAD, () => NOW);
    scope.done();
    expect(result).toMatchObject({
      status: "stuck",
      branch: "release-bot/tmp/claim/v1.5.0-rc.0",
      madeAt: STALE,
      error: { status: 422 },
    });
  });

  it(`gives up after ${CLAIM_ATTEMPTS} attempts when stale claims keep coming back`, async () => {
    const scope = api();
    for (let i = 0; i < CLAIM_ATTEMPTS; i++) {
      attempt(scope, String(i).repeat(40), "d".repeat(40), STALE);
      deletion(scope, 204);
    }
    const result = await claim(github(), repo, "v1.5.0-rc.0", HEAD, () => NOW);
    scope.done();
    expect(CLAIM_ATTEMPTS).toBe(3);
    expect(result).toEqual({
      status: "stuck",
      branch: "release-bot/tmp/claim/v1.5.0-rc.0",
      madeAt: STALE,
      error: null,
    });
  });

  it("takes a claim GitHub made and did not answer for as its own", async () => {
    const mine = "c".repeat(40);
    const scope = api()
      .post(`${REPO_PATH}/git/commits`)
      .reply(201, { sha: mine })
      .post(`${REPO_PATH}/git/refs`)
      .reply(502, { message: "Server Error" })
      .get(`${REPO_PATH}/git/ref/${encodeURIComponent(CLAIM_REF)}`)
      .reply(200, { node_id: "REF", object: { sha: mine, type: "commit" } });
    expect(await claim(github(), repo, "v1.5.0-rc.0", HEAD, () => NOW)).toEqual({
      status: "held",
    });
    scope.done();
  });
});
