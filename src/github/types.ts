import type { ProbotOctokit } from "probot";

/** The authenticated Octokit of one installation (Probot's, with retry and throttling). */
export type GitHub = InstanceType<typeof ProbotOctokit>;

/** A repository, as Octokit's route parameters spell it. */
export interface RepoId {
  owner: string;
  repo: string;
}
