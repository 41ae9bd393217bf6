import type { Git } from "./git.js";
import type { RepoRules } from "./rules/settings.js";
import type { Role } from "./util.js";

export type UserType = "User" | "Bot" | "Organization";

export interface UserRecord {
  login: string;
  id: number;
  nodeId: string;
  type: UserType;
  name: string;
  email: string;
}

export interface LabelRecord {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export type ReactionContent =
  | "+1"
  | "-1"
  | "laugh"
  | "confused"
  | "heart"
  | "hooray"
  | "rocket"
  | "eyes";

export const REACTION_CONTENTS: ReactionContent[] = [
  "+1",
  "-1",
  "laugh",
  "confused",
  "heart",
  "hooray",
  "rocket",
  "eyes",
];

export interface ReactionRecord {
  id: number;
  nodeId: string;
  user: string;
  content: ReactionContent;
  createdAt: string;
}

export interface CommentRecord {
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: string;
  /** Set when the comment was written with an installation token. */
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionRecord[];
}

export interface PullRecord {
  id: number;
  nodeId: string;
  headRef: string;
  baseRef: string;
  /** Last known head sha (frozen when the PR is closed). */
  headSha: string;
  /** Base sha at creation / last update (frozen when merged). */
  baseSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
  /** Commits and merge base as they were when the PR was merged or closed. */
  frozen: { commits: string[]; mergeBase: string | null } | null;
  /** Logins asked for a review (`ops/reviewers.ts`). */
  requestedReviewers?: string[];
  /** GitHub's auto-merge, once turned on (`ops/auto-merge.ts`). */
  autoMerge?: {
    method: "merge" | "squash" | "rebase";
    enabledBy: string;
    enabledAt: string;
  } | null;
}

export interface IssueRecord {
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string | null;
  user: string;
  state: "open" | "closed";
  stateReason: "completed" | "reopened" | "not_planned" | null;
  labels: string[];
  assignees: string[];
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  commentIds: number[];
  reactions: ReactionRecord[];
  viaApp: boolean;
  pull: PullRecord | null;
  /** Its milestone's number (`ops/milestones.ts`). */
  milestone?: number | null;
  /** Its `labeled` and `unlabeled` events, oldest first (the issue events API lists them). */
  labelEvents: LabelEventRecord[];
}

/** A label added to or removed from an issue or pull request, and who did it. */
export interface LabelEventRecord {
  id: number;
  event: "labeled" | "unlabeled";
  actor: string;
  /** The label's name and colour when it happened. */
  label: { name: string; color: string };
  createdAt: string;
  /** Done by the App's installation token (the event names the App). */
  viaApp: boolean;
}

export interface ReleaseRecord {
  id: number;
  nodeId: string;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
  makeLatest: boolean;
  /** Published while the repository had immutable releases on: tag and assets locked (`rules/immutable-releases.ts`). */
  immutable: boolean;
  assets: ReleaseAssetRecord[];
}

/** A file attached to a release (`POST {upload_url}`). */
export interface ReleaseAssetRecord {
  id: number;
  nodeId: string;
  name: string;
  label: string | null;
  contentType: string;
  bytes: Buffer;
  /** `sha256:<hex>` of the bytes, as GitHub's `digest`. */
  digest: string;
  uploader: string;
  downloadCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface RepoRecord {
  id: number;
  nodeId: string;
  owner: UserRecord;
  name: string;
  fullName: string;
  description: string | null;
  private: boolean;
  defaultBranch: string;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  git: Git;
  gitDir: string;
  nextNumber: number;
  issues: Map<number, IssueRecord>;
  comments: Map<number, CommentRecord>;
  /** Keyed by lower-case name. */
  labels: Map<string, LabelRecord>;
  releases: ReleaseRecord[];
  permissions: Map<string, Role>;
  deleteBranchOnMerge: boolean;
  /** GitHub's "Allow auto-merge" (off by default). */
  allowAutoMerge?: boolean;
  /** Rulesets, protection, App permissions and the other switches (`rules/settings.ts`). */
  rules: RepoRules;
  /** Commits GitHub signed (`rules/signatures.ts`). */
  signedCommits: Set<string>;
  /** Tag names of deleted immutable releases: never usable again (`rules/immutable-releases.ts`). */
  burnedTagNames: Set<string>;
}

/** Who performs an action: a user, or the app's bot (installation token), or the app itself (JWT). */
export interface Actor {
  kind: "user" | "bot" | "app" | "anonymous";
  user: UserRecord | null;
  /** Script API actions: the test stages the scenario, permission checks do not apply. */
  script?: boolean;
}
