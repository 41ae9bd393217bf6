/**
 * What the unit tests of the API pick engine talk to: Probot's Octokit without retries or
 * throttling, on a nock scope of GitHub's API (`test/setup.ts` refuses any request no scope
 * expects). Each test ends with `scope.done()`.
 */
import nock from "nock";
import { ProbotOctokit } from "probot";
import type { GitHub, RepoId } from "../../src/github/types.js";

export const repo: RepoId = { owner: "kubeflow", repo: "spark-operator" };
export const REPO_PATH = "/repos/kubeflow/spark-operator";

export function github(): GitHub {
  return new ProbotOctokit({
    auth: { token: "test-token" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

export function api(): nock.Scope {
  return nock("https://api.github.com");
}
