/**
 * The guard of test/setup.ts: a request to GitHub that no nock scope expected is collected (and
 * fails the test after it), even when the code under test swallows the error nock raised. Files
 * share modules (`isolate: false`), so this also shows the guard still listens in a later file.
 */
import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";

const collected = () => (globalThis as { nockUnmatched?: string[] }).nockUnmatched ?? [];

describe("the unexpected-request guard", () => {
  it("collects a request no scope expected, though the caller swallowed its error", async () => {
    const github = new Octokit({ request: { retries: 0 } });
    await github.rest.repos.get({ owner: "o", repo: "r" }).catch(() => undefined);
    // Taken out here, or the guard would fail this very test after it.
    expect(collected().splice(0)).toEqual(["GET api.github.com/repos/o/r"]);
  });
});
