/**
 * `POST /graphql`: the two ref mutations of GitHub's GraphQL API a client may send in one
 * document, `createRef` and `deleteRef` (https://docs.github.com/en/graphql/reference/mutations#createref),
 * `enablePullRequestAutoMerge` (`ops/auto-merge.ts`), and the read of git objects,
 * `repository(owner:, name:) { object(oid: | expression:) }` with
 * `... on Blob { text isBinary byteSize isTruncated }`
 * (https://docs.github.com/en/graphql/reference/objects#blob), executed by graphql-js against
 * that slice of GitHub's schema: aliases, variables and errors behave as on GitHub. Each mutation
 * is the REST write it stands for (the same rules, App permissions and webhooks); one failing
 * leaves the others done, and its error names its field in `path`, with GitHub's error `type`
 * (`FORBIDDEN`, `NOT_FOUND`, `UNPROCESSABLE`). Files read by blob and `createCommitOnBranch` are
 * in `graphql-git.ts`. Anything else in the schema is not served.
 */
import { buildSchema, type GraphQLError, graphql } from "graphql";
import type { RepoRecord } from "../model.js";
import { type AutoMergeMethod, enableAutoMerge } from "../ops/auto-merge.js";
import type { PullWithIssue } from "../ops/pull-shape.js";
import { createRef, deleteRef } from "../ops/refs.js";
import { type RequestContext, type RouteTable, route } from "../router.js";
import { checkAppPermission } from "../rules/app-permissions.js";
import { HttpError, parseRefNodeId, refNodeId } from "../util.js";
import { GIT_SCHEMA, GraphqlTypedError, gitResolvers } from "./graphql-git.js";

const schema = buildSchema(`
  scalar GitObjectID
  type Query { viewer: User! repository(owner: String!, name: String!): Repository }
  type Repository { object(expression: String, oid: GitObjectID): GitObject }
  interface GitObject { oid: GitObjectID! }
  type Blob implements GitObject {
    oid: GitObjectID! byteSize: Int! isBinary: Boolean isTruncated: Boolean! text: String
  }
  type Tree implements GitObject { oid: GitObjectID! }
  type Commit implements GitObject { oid: GitObjectID! message: String! tree: Tree! }
  type Tag implements GitObject { oid: GitObjectID! }
  type User { login: String! }
  type Ref { id: ID! name: String! prefix: String! }
  input CreateRefInput { repositoryId: ID! name: String! oid: GitObjectID! clientMutationId: String }
  type CreateRefPayload { clientMutationId: String ref: Ref }
  input DeleteRefInput { refId: ID! clientMutationId: String }
  type DeleteRefPayload { clientMutationId: String }
  enum PullRequestMergeMethod { MERGE SQUASH REBASE }
  input EnablePullRequestAutoMergeInput {
    pullRequestId: ID! mergeMethod: PullRequestMergeMethod commitHeadline: String
    commitBody: String authorEmail: String expectedHeadOid: GitObjectID clientMutationId: String
  }
  type AutoMergeRequest { mergeMethod: PullRequestMergeMethod! enabledAt: String }
  type PullRequest { id: ID! number: Int! autoMergeRequest: AutoMergeRequest }
  type EnablePullRequestAutoMergePayload { clientMutationId: String pullRequest: PullRequest }
  type Mutation {
    createRef(input: CreateRefInput!): CreateRefPayload
    deleteRef(input: DeleteRefInput!): DeleteRefPayload
    enablePullRequestAutoMerge(input: EnablePullRequestAutoMergeInput!): EnablePullRequestAutoMergePayload
  }
  ${GIT_SCHEMA}
`);

/** GitHub's GraphQL error types for the statuses the REST writes answer with. */
function errorType(status: number): string {
  if (status === 403 || status === 401) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  return "UNPROCESSABLE";
}

function repositoryById(c: RequestContext, id: string): RepoRecord {
  for (const repo of c.world.repos.values()) if (repo.nodeId === id) return repo;
  throw new HttpError(404, `Could not resolve to a node with the global id of '${id}'`);
}

/** The REST permission checks of the write a mutation stands for. */
function writable(c: RequestContext, repo: RepoRecord): RepoRecord {
  if (c.actor.kind === "bot" && repo.rules.appPermissions) {
    checkAppPermission(repo.rules.appPermissions, "POST", "/git/refs");
  }
  c.world.requireRole(repo, c.actor, "write");
  return repo;
}

/**
 * GitHub cuts `Blob.text` at 512,000 bytes and says so in `isTruncated` (measured byte for byte:
 * https://github.com/sveltia/sveltia-cms/issues/950).
 */
export const BLOB_TEXT_LIMIT = 512_000;

const TYPE_NAMES = { blob: "Blob", tree: "Tree", commit: "Commit", tag: "Tag" } as const;

/** A git object as GraphQL answers it; `__typename` picks the interface's type. */
function gitObject(sha: string, type: keyof typeof TYPE_NAMES, data: Buffer) {
  if (type !== "blob") return { __typename: TYPE_NAMES[type], oid: sha };
  // git's own test for binary content: a NUL byte in the first 8,000 bytes.
  const isBinary = data.subarray(0, 8000).includes(0);
  const isTruncated = data.length > BLOB_TEXT_LIMIT;
  return {
    __typename: "Blob",
    oid: sha,
    byteSize: data.length,
    isBinary,
    isTruncated,
    text: isBinary ? null : data.subarray(0, BLOB_TEXT_LIMIT).toString("utf8"),
  };
}

function repositoryByName(c: RequestContext, owner: string, name: string) {
  const repo = c.world.getRepo(owner, name);
  if (!repo) {
    throw new HttpError(404, `Could not resolve to a Repository with the name '${owner}/${name}'.`);
  }
  // Reading files needs the App's Contents permission, as the REST contents routes do.
  if (c.actor.kind === "bot" && repo.rules.appPermissions) {
    checkAppPermission(repo.rules.appPermissions, "GET", "/contents/x");
  }
  return {
    object: async (args: { expression?: string | null; oid?: string | null }) => {
      let sha: string | null = null;
      if (typeof args.oid === "string") sha = /^[0-9a-f]{40}$/.test(args.oid) ? args.oid : null;
      else if (typeof args.expression === "string") {
        sha = await repo.git.revParse(args.expression);
      }
      if (sha === null) return null;
      const object = await repo.git.readObject(sha);
      if (object?.type === "commit") {
        const commit = await repo.git.readCommit(sha);
        if (commit) {
          return {
            __typename: "Commit",
            oid: sha,
            message: commit.message,
            tree: { oid: commit.tree },
          };
        }
      }
      return object ? gitObject(sha, object.type, object.data) : null;
    },
  };
}

function resolvers(c: RequestContext) {
  return {
    ...gitResolvers(c),
    viewer: () => ({ login: c.actor.user?.login ?? "" }),
    repository: (args: { owner: string; name: string }) =>
      repositoryByName(c, args.owner, args.name),
    createRef: async (args: {
      input: { repositoryId: string; name: string; oid: string; clientMutationId?: string };
    }) => {
      const repo = writable(c, repositoryById(c, args.input.repositoryId));
      const created = await createRef(c.op, repo, args.input.name, args.input.oid);
      const [, prefix = "", ...rest] = created.ref.split("/");
      return {
        clientMutationId: args.input.clientMutationId ?? null,
        ref: { id: refNodeId(repo, created.ref), name: rest.join("/"), prefix: `refs/${prefix}/` },
      };
    },
    deleteRef: async (args: { input: { refId: string; clientMutationId?: string } }) => {
      const target = parseRefNodeId(args.input.refId);
      const repo = target
        ? [...c.world.repos.values()].find((r) => r.nodeId === target.repositoryId)
        : undefined;
      if (!target || !repo) {
        throw new HttpError(
          404,
          `Could not resolve to a node with the global id of '${args.input.refId}'`,
        );
      }
      await deleteRef(c.op, writable(c, repo), target.ref);
      return { clientMutationId: args.input.clientMutationId ?? null };
    },
    enablePullRequestAutoMerge: (args: {
      input: { pullRequestId: string; mergeMethod?: string; clientMutationId?: string };
    }) => {
      const { repo, pull } = pullRequestById(c, args.input.pullRequestId);
      if (c.actor.kind === "bot" && repo.rules.appPermissions) {
        checkAppPermission(repo.rules.appPermissions, "PUT", "/pulls/1/merge");
      }
      const method = (args.input.mergeMethod ?? "MERGE").toLowerCase() as AutoMergeMethod;
      enableAutoMerge(c.op, repo, pull, method);
      const request = pull.pull.autoMerge;
      return {
        clientMutationId: args.input.clientMutationId ?? null,
        pullRequest: {
          id: pull.pull.nodeId,
          number: pull.number,
          autoMergeRequest: request
            ? { mergeMethod: request.method.toUpperCase(), enabledAt: request.enabledAt }
            : null,
        },
      };
    },
  };
}

/** A pull request by its node id, in any repository. */
function pullRequestById(c: RequestContext, id: string): { repo: RepoRecord; pull: PullWithIssue } {
  for (const repo of c.world.repos.values()) {
    for (const issue of repo.issues.values()) {
      if (issue.pull?.nodeId === id) return { repo, pull: issue as PullWithIssue };
    }
  }
  throw new HttpError(404, `Could not resolve to a node with the global id of '${id}'`);
}

function formatError(error: GraphQLError): Record<string, unknown> {
  const cause = error.originalError;
  return {
    type:
      cause instanceof GraphqlTypedError
        ? cause.type
        : cause instanceof HttpError
          ? errorType(cause.status)
          : "INTERNAL",
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

async function executeGraphql(c: RequestContext) {
  const source = typeof c.body.query === "string" ? c.body.query : "";
  const variables = (c.body.variables ?? {}) as Record<string, unknown>;
  const result = await graphql({
    schema,
    source,
    rootValue: resolvers(c),
    variableValues: variables,
  });
  const body: Record<string, unknown> = {};
  if (result.data !== undefined) body.data = result.data;
  if (result.errors) body.errors = result.errors.map(formatError);
  return { status: 200, body };
}

export const graphqlRoutes: RouteTable = [
  route("POST", "/graphql", executeGraphql, { auth: "authenticated", docs: "graphql" }),
];
