import type nock from "nock";
import { mockConfig, REPO_PATH } from "./github.js";

/** Typed nock interceptors per GitHub endpoint; each returns the request bodies it received. */

export type Body = Record<string, unknown>;
type Bodies = Body[];

const enc = encodeURIComponent;

function recorder(bodies: Bodies) {
  return (body: Body) => {
    bodies.push(body);
    return true;
  };
}

export const sha = (c: string) => c.repeat(40).slice(0, 40);

export function listTags(
  scope: nock.Scope,
  prefix: string,
  tags: Array<{ name: string; sha: string; type?: "tag" | "commit" }>,
): void {
  scope.get(`${REPO_PATH}/git/matching-refs/${enc(`tags/${prefix}`)}?per_page=100`).reply(
    200,
    tags.map((t) => ({
      ref: `refs/tags/${t.name}`,
      node_id: "x",
      url: "x",
      object: { sha: t.sha, type: t.type ?? "tag", url: "x" },
    })),
  );
}

export function getTagObject(scope: nock.Scope, tagSha: string, commitSha: string): void {
  scope
    .get(`${REPO_PATH}/git/tags/${tagSha}`)
    .reply(200, { sha: tagSha, tag: "x", object: { sha: commitSha, type: "commit" } });
}

export function getBranch(
  scope: nock.Scope,
  branch: string,
  head: { sha: string; tree: string; protected?: boolean } | null,
): void {
  const path = `${REPO_PATH}/branches/${enc(branch)}`;
  if (!head) {
    scope.get(path).reply(404, { message: "Branch not found" });
    return;
  }
  scope.get(path).reply(200, {
    name: branch,
    commit: { sha: head.sha, commit: { tree: { sha: head.tree } } },
    protected: head.protected ?? false,
  });
}

/**
 * The search for version places: one `POST /graphql` reading the blobs of `files` (path →
 * text) by their `getTreeAndBlobs` SHAs, answered as GitHub answers `... on Blob { text … }`.
 * Its document is the bump's (the blob ids in variables); the blobs it asks for tell it apart.
 * Returns the documents it received.
 */
export function searchBlobs(scope: nock.Scope, files: Record<string, string>): string[] {
  const documents: string[] = [];
  const byOid = new Map(
    Object.entries(files).map(([path, text]) => [sha(Buffer.from(path).toString("hex")), text]),
  );
  const blobIds = (variables: Record<string, string> = {}) =>
    Object.entries(variables).filter(([name]) => /^v\d+$/.test(name));
  scope
    .post("/graphql", (body: { query: string; variables?: Record<string, string> }) => {
      const ids = blobIds(body.variables);
      if (ids.length === 0 || !ids.every(([, id]) => byOid.has(id))) return false;
      documents.push(body.query);
      return true;
    })
    .reply(200, (_uri, body) => {
      const repository = Object.fromEntries(
        blobIds((body as { variables: Record<string, string> }).variables).map(([name, id]) => {
          const text = byOid.get(id);
          return [`f${name.slice(1)}`, text === undefined ? null : { text, isTruncated: false }];
        }),
      );
      return { data: { repository } };
    });
  return documents;
}

/**
 * The recursive tree of a commit, and the one GraphQL request that reads the files a bump reads
 * (by blob id: each alias answered with the file whose id its variable holds). The files it does
 * not read are read by the search for version places (`searchBlobs`), unless `search: false`.
 */
export function getTreeAndBlobs(
  scope: nock.Scope,
  treeSha: string,
  files: Record<string, string>,
  options: { read?: string[]; extra?: string[]; search?: boolean } = {},
): void {
  const paths = Object.keys(files);
  const blobSha = (path: string) => sha(Buffer.from(path).toString("hex"));
  scope.get(`${REPO_PATH}/git/trees/${treeSha}?recursive=true`).reply(200, {
    sha: treeSha,
    truncated: false,
    tree: [...paths, ...(options.extra ?? [])].map((path) => ({
      path,
      mode: "100644",
      type: "blob",
      sha: blobSha(path),
    })),
  });
  const read = options.read ?? paths;
  const readSet = new Set(read);
  const searched = Object.fromEntries(
    [...Object.entries(files), ...(options.extra ?? []).map((path) => [path, ""])].filter(
      ([path]) => !readSet.has(path as string) && path !== ".github/release-bot.yml",
    ),
  );
  if (options.search !== false && Object.keys(searched).length > 0) searchBlobs(scope, searched);
  if (read.length === 0) return;
  const byId = new Map(read.map((path) => [blobSha(path), files[path] ?? ""]));
  scope
    .post("/graphql", (body: { query?: string; variables?: Record<string, string> }) => {
      const ids = Object.entries(body.variables ?? {}).filter(([name]) => /^v\d+$/.test(name));
      return (
        /repository\(owner: \$owner, name: \$name\)/.test(body.query ?? "") &&
        ids.length === read.length &&
        ids.every(([, id]) => byId.has(id))
      );
    })
    .reply(200, (_uri, body) => {
      const variables = (body as { variables: Record<string, string> }).variables;
      const repository = Object.fromEntries(
        Object.entries(variables)
          .filter(([name]) => /^v\d+$/.test(name))
          .map(([name, id]) => [`f${name.slice(1)}`, { text: byId.get(id), isTruncated: false }]),
      );
      return { data: { repository } };
    });
}

export function createTree(scope: nock.Scope, treeSha: string): Bodies {
  const bodies: Bodies = [];
  scope.post(`${REPO_PATH}/git/trees`, recorder(bodies)).reply(201, { sha: treeSha, tree: [] });
  return bodies;
}

/**
 * The read-back before a tag: each file the bump wrote, read at the new commit, answered with
 * the bytes the bump's commit (`bumps`, from `commitOnBranch`) or tree write (`createTree`)
 * carried; `override` answers other bytes instead. (A commit whose tree id the bot computes
 * needs no read-back; the fake ids of these tests never match, so the files are read.)
 */
export function readBack(
  scope: nock.Scope,
  commitSha: string,
  bumps: Bodies,
  paths: readonly string[],
  override: Record<string, string> = {},
): void {
  for (const path of paths) {
    scope.get(`${REPO_PATH}/contents/${enc(path)}?ref=${commitSha}`).reply(200, () => {
      const last = bumps.at(-1);
      const files = last?.files as Record<string, string> | undefined;
      const written = files
        ? { content: files[path] }
        : (last?.tree as Array<{ path: string; content: string }>)?.find(
            (entry) => entry.path === path,
          );
      const content = override[path] ?? written?.content ?? "";
      return {
        type: "file",
        path,
        sha: sha("f"),
        encoding: "base64",
        content: Buffer.from(content).toString("base64"),
      };
    });
  }
}

/**
 * The bump as one GraphQL `createCommitOnBranch`: each request's input is recorded as
 * `{ branch, expectedHeadOid, headline, body, files }` (file contents decoded). It answers the
 * commit `sha` with tree `tree`, or GitHub's error: `stale` (the branch moved, STALE_DATA), or a
 * refusal's message.
 */
export function commitOnBranch(
  scope: nock.Scope,
  reply: { sha: string; tree: string } | { stale: true } | { refused: string },
  bumps: Bodies = [],
): Bodies {
  scope
    .post(
      "/graphql",
      (body: { query?: string; variables?: { input?: Record<string, unknown> } }) => {
        if (!/createCommitOnBranch/.test(body.query ?? "")) return false;
        const input = body.variables?.input as {
          branch: { branchName: string };
          expectedHeadOid: string;
          message: { headline: string; body?: string };
          fileChanges: { additions: Array<{ path: string; contents: string }> };
        };
        bumps.push({
          branch: input.branch.branchName,
          expectedHeadOid: input.expectedHeadOid,
          headline: input.message.headline,
          body: input.message.body ?? "",
          files: Object.fromEntries(
            input.fileChanges.additions.map((a) => [
              a.path,
              Buffer.from(a.contents, "base64").toString("utf8"),
            ]),
          ),
        });
        return true;
      },
    )
    .reply(200, () => {
      if ("stale" in reply) {
        return {
          data: { createCommitOnBranch: null },
          errors: [
            {
              type: "STALE_DATA",
              path: ["createCommitOnBranch"],
              message: `Expected branch to point to "${bumps.at(-1)?.expectedHeadOid}" but it did not. Pull and try again.`,
            },
          ],
        };
      }
      if ("refused" in reply) {
        return {
          data: { createCommitOnBranch: null },
          errors: [
            { type: "UNPROCESSABLE", path: ["createCommitOnBranch"], message: reply.refused },
          ],
        };
      }
      return {
        data: { createCommitOnBranch: { commit: { oid: reply.sha, tree: { oid: reply.tree } } } },
      };
    });
  return bumps;
}

export function createCommit(scope: nock.Scope, commitSha: string): Bodies {
  const bodies: Bodies = [];
  scope.post(`${REPO_PATH}/git/commits`, recorder(bodies)).reply(201, { sha: commitSha });
  return bodies;
}

export function updateBranch(
  scope: nock.Scope,
  branch: string,
  reply: { status: number; message?: string } = { status: 200 },
): Bodies {
  const bodies: Bodies = [];
  scope
    .patch(`${REPO_PATH}/git/refs/${enc(`heads/${branch}`)}`, recorder(bodies))
    .reply(
      reply.status,
      reply.message ? { message: reply.message } : { ref: `refs/heads/${branch}` },
    );
  return bodies;
}

export function createTagObject(scope: nock.Scope, tagSha: string): Bodies {
  const bodies: Bodies = [];
  scope.post(`${REPO_PATH}/git/tags`, recorder(bodies)).reply(201, { sha: tagSha });
  return bodies;
}

export function createRef(
  scope: nock.Scope,
  reply: { status: number; message?: string } = { status: 201 },
): Bodies {
  const bodies: Bodies = [];
  scope
    .post(`${REPO_PATH}/git/refs`, recorder(bodies))
    .reply(reply.status, reply.message ? { message: reply.message } : { ref: "x" });
  return bodies;
}

export function getRef(
  scope: nock.Scope,
  ref: string,
  object: { sha: string; type: string } | null,
): void {
  const path = `${REPO_PATH}/git/ref/${enc(ref)}`;
  if (object) scope.get(path).reply(200, { ref: `refs/${ref}`, object });
  else scope.get(path).reply(404, { message: "Not Found" });
}

/**
 * The release of a tag: `existing` when it is there already (the bot reads it, no write);
 * otherwise created, after a read that finds none when the tag was not new (`checked`).
 */
export function createRelease(
  scope: nock.Scope,
  tag: string,
  options: { previousTag?: string; existing?: boolean; checked?: boolean } = {},
): { create: Bodies; notes: Bodies } {
  const create: Bodies = [];
  const notes: Bodies = [];
  const url = `https://github.com/Codertocat/Hello-World/releases/tag/${tag}`;
  if (options.existing) {
    scope.get(`${REPO_PATH}/releases/tags/${enc(tag)}`).reply(200, { html_url: url });
    return { create, notes };
  }
  if (options.checked) {
    scope.get(`${REPO_PATH}/releases/tags/${enc(tag)}`).reply(404, { message: "Not Found" });
  }
  if (options.previousTag) {
    scope
      .post(`${REPO_PATH}/releases/generate-notes`, recorder(notes))
      .reply(200, { name: tag, body: `## What's Changed\n* notes since ${options.previousTag}` });
  }
  scope.post(`${REPO_PATH}/releases`, recorder(create)).reply(201, { html_url: url });
  return { create, notes };
}

/**
 * The writes of a direct release cut that nothing interrupts: the bump's commit on `branch`
 * (`sha("d")`, tree `sha("c")`, one GraphQL request), the read-back of the files it `written`
 * (default `VERSION`) at that commit, the annotated tag (`sha("e")`) and its ref, then the
 * release of `tag`. Returns the request bodies of each write.
 */
export function bumpAndTag(
  scope: nock.Scope,
  options: { branch: string; tag: string; previousTag?: string; written?: string[] },
): {
  bumps: Bodies;
  tags: Bodies;
  refs: Bodies;
  release: ReturnType<typeof createRelease>;
} {
  const bumps = commitOnBranch(scope, { sha: sha("d"), tree: sha("c") });
  readBack(scope, sha("d"), bumps, options.written ?? ["VERSION"]);
  return {
    bumps,
    tags: createTagObject(scope, sha("e")),
    refs: createRef(scope),
    release: createRelease(
      scope,
      options.tag,
      options.previousTag ? { previousTag: options.previousTag } : {},
    ),
  };
}

/**
 * The claim of a first candidate (`release-bot/tmp/claim/<tag>`): a commit of its own
 * (`sha("c1")`), the claim branch at it, deleted once the candidate is cut. `taken`: another
 * request's fresh claim holds the branch. Returns the claim's ref bodies.
 */
export function claimFirstCandidate(
  scope: nock.Scope,
  tag: string,
  options: { taken?: boolean } = {},
): Bodies {
  const bodies: Bodies = [];
  const branch = `release-bot/tmp/claim/${tag}`;
  scope
    .post(`${REPO_PATH}/git/commits`, (body: Body) =>
      String(body.message).startsWith(`release-bot: temporary claim of ${tag}`),
    )
    .reply(201, { sha: sha("c1") });
  const interceptor = scope.post(`${REPO_PATH}/git/refs`, (body: Body) => {
    if (body.ref !== `refs/heads/${branch}`) return false;
    bodies.push(body);
    return true;
  });
  if (options.taken) {
    interceptor.reply(422, { message: "Reference already exists" });
    scope
      .get(`${REPO_PATH}/git/ref/${encodeURIComponent(`heads/${branch}`)}`)
      .reply(200, { ref: `refs/heads/${branch}`, object: { sha: sha("c2"), type: "commit" } });
    scope
      .get(`${REPO_PATH}/git/commits/${sha("c2")}`)
      .reply(200, { sha: sha("c2"), committer: { date: new Date().toISOString() } });
    return bodies;
  }
  interceptor.reply(201, { ref: `refs/heads/${branch}` });
  scope.delete(`${REPO_PATH}/git/refs/${encodeURIComponent(`heads/${branch}`)}`).reply(204);
  return bodies;
}

/**
 * The bot's eyes reaction: 201 when this delivery adds it (it owns the comment), 200 with the
 * existing reaction's time when an earlier delivery did.
 */
export function reactEyes(scope: nock.Scope, commentId: number, existingSince?: string): Bodies {
  const bodies: Bodies = [];
  scope
    .post(`${REPO_PATH}/issues/comments/${commentId}/reactions`, recorder(bodies))
    .reply(existingSince ? 200 : 201, {
      id: 1,
      content: "eyes",
      created_at: existingSince ?? new Date().toISOString(),
    });
  return bodies;
}

export function listComments(
  scope: nock.Scope,
  issue: number,
  comments: Array<{ id: number; body: string }> = [],
): void {
  scope
    .get(`${REPO_PATH}/issues/${issue}/comments`)
    .query(true)
    .reply(
      200,
      comments.map((c) => ({
        ...c,
        html_url: `https://github.com/x/y/issues/${issue}#issuecomment-${c.id}`,
      })),
    );
}

export function postComment(scope: nock.Scope, issue: number): Bodies {
  const bodies: Bodies = [];
  scope
    .post(`${REPO_PATH}/issues/${issue}/comments`, recorder(bodies))
    .reply(201, { id: 9000, html_url: `https://github.com/x/y/issues/${issue}#issuecomment-9000` });
  return bodies;
}

export function permission(scope: nock.Scope, user: string, role: string): void {
  const legacy: Record<string, string> = { maintain: "write", triage: "read" };
  scope
    .get(`${REPO_PATH}/collaborators/${user}/permission`)
    .reply(200, { permission: legacy[role] ?? role, role_name: role, user: { login: user } });
}

/** The usual start of a command: eyes (claimed), the config, the permission check. */
export function commandPreamble(
  scope: nock.Scope,
  options: { commentId: number; issue: number; config: string | null; user: string; role?: string },
  mockConfigFn: (scope: nock.Scope, yaml: string | null) => nock.Scope,
): void {
  reactEyes(scope, options.commentId);
  mockConfigFn(scope, options.config);
  if (options.role) permission(scope, options.user, options.role);
}

/**
 * A command comment this delivery claims and answers, from the eyes to the one reply: eyes
 * (201), the configuration, the commenter's role when `role` is given, and the reply on the
 * issue. Returns the reply's request bodies.
 */
export function answeredCommand(
  scope: nock.Scope,
  options: { commentId: number; issue: number; config: string | null; user: string; role?: string },
): Bodies {
  commandPreamble(scope, options, mockConfig);
  return postComment(scope, options.issue);
}

/**
 * GitHub's comparison of a tag with a branch head (`GET compare/{tag}...{head}`): "ahead" or
 * "identical" puts the tag on the branch, "diverged" or "behind" does not; 404 when they share
 * no history. `commits` are the commits after the tag (default none), `total` their count.
 */
export function compareTag(
  scope: nock.Scope,
  tag: string,
  head: string,
  options: {
    status?: "ahead" | "identical" | "diverged" | "behind" | 404;
    perPage?: number;
    commits?: Array<{ sha: string; message: string }>;
    total?: number;
    /** The commit the tag names (`base_commit`); the head when they are identical. */
    base?: string;
  } = {},
): void {
  const interceptor = scope.get(
    `${REPO_PATH}/compare/${tag}...${head}?per_page=${options.perPage ?? 1}`,
  );
  if (options.status === 404) {
    interceptor.reply(404, { message: "Not Found" });
    return;
  }
  const commits = options.commits ?? [];
  const status = options.status ?? "ahead";
  interceptor.reply(200, {
    status,
    base_commit: { sha: options.base ?? (status === "identical" ? head : "b".repeat(40)) },
    total_commits: options.total ?? commits.length,
    commits: commits.map((c) => ({ sha: c.sha, commit: { message: c.message } })),
  });
}

/** The open pull requests into `base` (`GET pulls?state=open&base=…`), heads in this repository unless `fork`. */
export function openPullsInto(
  scope: nock.Scope,
  base: string,
  pulls: Array<{ number: number; title: string; head: string; fork?: boolean }> = [],
): void {
  scope
    .get(`${REPO_PATH}/pulls?state=open&base=${enc(base)}&sort=created&direction=asc&per_page=100`)
    .reply(
      200,
      pulls.map((pr) => ({
        number: pr.number,
        title: pr.title,
        head: {
          ref: pr.head,
          repo: { full_name: pr.fork ? "someone/Hello-World" : REPO_PATH.replace("/repos/", "") },
        },
      })),
    );
}

/**
 * The full read-back of a commit made elsewhere: the commit (its tree `treeSha`), the tree's
 * listing and each of `files` in it.
 */
export function readBackTree(
  scope: nock.Scope,
  commitSha: string,
  treeSha: string,
  files: Record<string, string>,
): void {
  scope
    .get(`${REPO_PATH}/git/commits/${commitSha}`)
    .reply(200, { sha: commitSha, message: "x", tree: { sha: treeSha } });
  getTreeAndBlobs(scope, treeSha, files);
}
