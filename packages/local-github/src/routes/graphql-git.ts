/**
 * The git slice of GitHub's GraphQL API beside the ref mutations (`graphql.ts`):
 * - `createCommitOnBranch` (https://docs.github.com/en/graphql/reference/mutations#createcommitonbranch):
 *   one commit of file additions and deletions on a branch's head, which the branch then points
 *   to, as the REST tree, commit and ref writes would make it: the same App permission, rules
 *   and webhooks (the ref moves through `updateRef`). `expectedHeadOid` is compared with the
 *   head first: a moved branch is GitHub's `STALE_DATA`, `Expected branch to point to "<oid>"
 *   but it did not. Pull and try again.`. The commit is the App's (author: the actor; committer:
 *   GitHub's web-flow) and signed, as GitHub signs commits made through this mutation.
 * Not imitated: the error types GitHub gives rule refusals here (`BRANCH_PROTECTION_RULE_VIOLATION`
 * for classic protection): the message is the REST refusal's, the type `UNPROCESSABLE`;
 * additions are written with mode 100644.
 */
import { actorUser } from "../context.js";
import { treeFromFiles } from "../ops/objects.js";
import { updateRef } from "../ops/refs.js";
import type { RequestContext } from "../router.js";
import { checkAppPermission } from "../rules/app-permissions.js";
import { markSigned } from "../rules/signatures.js";
import { HttpError } from "../util.js";

/** The mutation's part of the schema; the objects it answers with are `graphql.ts`'s. */
export const GIT_SCHEMA = `
  scalar Base64String
  input CommittableBranch { repositoryNameWithOwner: String branchName: String id: ID }
  input CommitMessage { headline: String! body: String }
  input FileAddition { path: String! contents: Base64String! }
  input FileDeletion { path: String! }
  input FileChanges { additions: [FileAddition!] deletions: [FileDeletion!] }
  input CreateCommitOnBranchInput { branch: CommittableBranch! clientMutationId: String expectedHeadOid: GitObjectID! fileChanges: FileChanges message: CommitMessage! }
  type CreateCommitOnBranchPayload { clientMutationId: String commit: Commit ref: Ref }
  extend type Mutation { createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload }
`;

/** An error with GitHub's GraphQL `type` (formatError in graphql.ts reads it). */
export class GraphqlTypedError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface CreateCommitInput {
  branch: { repositoryNameWithOwner?: string; branchName?: string; id?: string };
  expectedHeadOid: string;
  fileChanges?: {
    additions?: Array<{ path: string; contents: string }>;
    deletions?: Array<{ path: string }>;
  };
  message: { headline: string; body?: string };
  clientMutationId?: string;
}

async function createCommitOnBranch(c: RequestContext, input: CreateCommitInput) {
  const [owner = "", name = ""] = (input.branch.repositoryNameWithOwner ?? "").split("/");
  const repo = c.world.getRepo(owner, name);
  if (!repo) {
    throw new GraphqlTypedError(
      "NOT_FOUND",
      `Could not resolve to a Repository with the name '${input.branch.repositoryNameWithOwner}'.`,
    );
  }
  if (c.actor.kind === "bot" && repo.rules.appPermissions) {
    checkAppPermission(repo.rules.appPermissions, "POST", "/git/commits");
  }
  c.world.requireRole(repo, c.actor, "write");
  const ref = `refs/heads/${input.branch.branchName ?? ""}`;
  const git = repo.git;
  const head = await git.readRef(ref);
  if (!head) throw new GraphqlTypedError("NOT_FOUND", `A ref named "${ref}" does not exist.`);
  const stale = () =>
    new GraphqlTypedError(
      "STALE_DATA",
      `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.`,
    );
  if (head !== input.expectedHeadOid) throw stale();
  const files: Record<string, string | Buffer | null> = {};
  for (const deletion of input.fileChanges?.deletions ?? []) files[deletion.path] = null;
  for (const addition of input.fileChanges?.additions ?? []) {
    files[addition.path] = Buffer.from(addition.contents, "base64");
  }
  const base = (await git.readCommit(head))?.tree ?? null;
  const tree = await treeFromFiles(git, base, files);
  const message = input.message.body
    ? `${input.message.headline}\n\n${input.message.body}`
    : input.message.headline;
  const w = c.world;
  const sha = await git.commitTree({
    tree,
    parents: [head],
    message,
    author: w.ident(actorUser(c.op)),
    committer: w.webFlowIdent(),
  });
  markSigned(repo, sha);
  try {
    await updateRef(c.op, repo, ref, sha, false);
  } catch (error) {
    if (error instanceof HttpError && /fast forward/i.test(error.message)) throw stale();
    throw error;
  }
  return {
    clientMutationId: input.clientMutationId ?? null,
    commit: { __typename: "Commit", oid: sha, message, tree: { oid: tree } },
    ref: null,
  };
}

export function gitResolvers(c: RequestContext) {
  return {
    createCommitOnBranch: (args: { input: CreateCommitInput }) =>
      createCommitOnBranch(c, args.input),
  };
}
