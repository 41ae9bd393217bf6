import { actorUser } from "../context.js";
import type { GitIdent, GitObjectType } from "../git.js";
import type { RepoRecord } from "../model.js";
import {
  buildTree,
  checkTreeShas,
  isValidPath,
  type TreeChange,
  typeForMode,
} from "../ops/objects.js";
import { createRef, deleteRef, updateRef } from "../ops/refs.js";
import { type RequestContext, type RouteTable, requireString, route } from "../router.js";
import { markSigned } from "../rules/signatures.js";
import { gitCommit, gitRef, gitTag, repoApi } from "../shapes.js";
import { base64Wrapped, HttpError, isSha, nodeId } from "../util.js";
import type { World } from "../world.js";

/** `heads/main` or `refs/heads/main` -> `refs/heads/main`. */
export function fullRef(ref: string): string {
  return ref.startsWith("refs/") ? ref : `refs/${ref}`;
}

/** Parse `{name, email, date}` into a git identity; the date keeps its UTC offset. */
export function identFrom(w: World, person: unknown, fallback: GitIdent): GitIdent {
  if (!person || typeof person !== "object") return fallback;
  const p = person as { name?: unknown; email?: unknown; date?: unknown };
  if (typeof p.name !== "string" || typeof p.email !== "string") {
    throw new HttpError(
      422,
      "Invalid request.\n\nFor 'properties/author', name and email are required.",
    );
  }
  let time = fallback.time;
  let tzOffset = 0;
  if (typeof p.date === "string") {
    const ms = Date.parse(p.date);
    if (Number.isNaN(ms))
      throw new HttpError(
        422,
        `Invalid request.\n\n${JSON.stringify(p.date)} is not a valid date-time.`,
      );
    time = Math.floor(ms / 1000);
    const tz = /([+-])(\d\d):?(\d\d)$/.exec(p.date);
    if (tz && !/Z$/i.test(p.date)) {
      tzOffset = (tz[1] === "-" ? -1 : 1) * (Number(tz[2]) * 60 + Number(tz[3]));
    }
  }
  void w;
  return { name: p.name, email: p.email, time, tzOffset };
}

async function treeJson(w: World, repo: RepoRecord, sha: string, recursive: boolean) {
  const api = repoApi(w, repo);
  const entries = await repo.git.lsTree(sha, { recursive, long: true });
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    tree: entries.map((e) => {
      const entry: Record<string, unknown> = {
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
      };
      if (e.type === "blob") {
        entry.size = e.size ?? 0;
        entry.url = `${api}/git/blobs/${e.sha}`;
      } else if (e.type === "tree") {
        entry.url = `${api}/git/trees/${e.sha}`;
      }
      return entry;
    }),
    truncated: false,
  };
}

function write(c: RequestContext): RepoRecord {
  const repo = c.repo();
  c.world.requireRole(repo, c.actor, "write");
  return repo;
}

const R = "/repos/{owner}/{repo}";

async function getAReference(c: RequestContext) {
  const repo = c.repo();
  const ref = fullRef(c.params.ref as string);
  const sha = await repo.git.readRef(ref);
  if (!sha) throw new HttpError(404, "Not Found");
  const type = (await repo.git.objectType(sha)) ?? "commit";
  return { status: 200, body: gitRef(c.world, repo, ref, sha, type) };
}

async function listMatchingReferences(c: RequestContext) {
  const repo = c.repo();
  const prefix = fullRef(c.params.ref as string);
  const dir = prefix.split("/").slice(0, 2).join("/");
  const refs = (await repo.git.forEachRef(dir)).filter((r) => r.ref.startsWith(prefix));
  return { status: 200, body: refs.map((r) => gitRef(c.world, repo, r.ref, r.sha, r.type)) };
}

async function createAReference(c: RequestContext) {
  const repo = write(c);
  const ref = requireString(c.body, "ref");
  const sha = requireString(c.body, "sha");
  const created = await createRef(c.op, repo, ref, sha);
  const body = gitRef(c.world, repo, created.ref, created.sha, created.type);
  return { status: 201, body, headers: { location: String(body.url) } };
}

async function updateAReference(c: RequestContext) {
  const repo = write(c);
  const sha = requireString(c.body, "sha");
  const force = c.body.force === true;
  const updated = await updateRef(c.op, repo, fullRef(c.params.ref as string), sha, force);
  return { status: 200, body: gitRef(c.world, repo, updated.ref, updated.sha, updated.type) };
}

async function deleteAReference(c: RequestContext) {
  const repo = write(c);
  await deleteRef(c.op, repo, fullRef(c.params.ref as string));
  return { status: 204 };
}

async function createABlob(c: RequestContext) {
  const repo = write(c);
  const content = c.body.content;
  if (typeof content !== "string")
    throw new HttpError(422, `Invalid request.\n\n"content" wasn't supplied.`);
  const encoding = c.body.encoding ?? "utf-8";
  if (encoding !== "utf-8" && encoding !== "utf8" && encoding !== "base64") {
    throw new HttpError(422, "Invalid request.\n\nencoding must be utf-8 or base64.");
  }
  const data =
    encoding === "base64" ? Buffer.from(content, "base64") : Buffer.from(content, "utf8");
  const sha = await repo.git.hashObject("blob", data);
  const url = `${repoApi(c.world, repo)}/git/blobs/${sha}`;
  return { status: 201, body: { url, sha }, headers: { location: url } };
}

async function getABlob(c: RequestContext) {
  const repo = c.repo();
  const sha = c.params.sha as string;
  const obj = isSha(sha) ? await repo.git.readObject(sha) : null;
  if (obj?.type !== "blob") throw new HttpError(404, "Not Found");
  if (c.format === "raw")
    return { status: 200, text: obj.data, contentType: "application/vnd.github.raw" };
  return {
    status: 200,
    body: {
      sha,
      node_id: nodeId("B", parseInt(sha.slice(0, 8), 16)),
      size: obj.data.length,
      url: `${repoApi(c.world, repo)}/git/blobs/${sha}`,
      content: base64Wrapped(obj.data),
      encoding: "base64",
    },
  };
}

async function getATree(c: RequestContext) {
  const repo = c.repo();
  const tree = await repo.git.revParse(c.params.sha as string, "tree");
  if (!tree) throw new HttpError(404, "Not Found");
  const recursive =
    c.query.has("recursive") && !["", "0", "false"].includes(c.query.get("recursive") ?? "");
  return { status: 200, body: await treeJson(c.world, repo, tree, recursive) };
}

async function createATree(c: RequestContext) {
  const repo = write(c);
  const git = repo.git;
  const entries = c.body.tree;
  if (!Array.isArray(entries))
    throw new HttpError(422, `Invalid request.\n\n"tree" wasn't supplied.`);
  let base: string | null = null;
  if (c.body.base_tree !== undefined && c.body.base_tree !== null) {
    const baseTree = String(c.body.base_tree);
    base = isSha(baseTree) && (await git.objectType(baseTree)) === "tree" ? baseTree : null;
    if (!base) throw new HttpError(422, "Invalid tree info");
  }
  const changes: TreeChange[] = [];
  for (const raw of entries as Array<Record<string, unknown>>) {
    const path = raw?.path;
    const mode = raw?.mode;
    if (typeof path !== "string" || !isValidPath(path)) {
      throw new HttpError(422, `tree.path contains a malformed path component`);
    }
    if (typeof mode !== "string" || !typeForMode(mode)) {
      throw new HttpError(
        422,
        `Invalid request.\n\nFor 'items', ${JSON.stringify(mode)} is not a valid mode.`,
      );
    }
    const type = (raw.type as GitObjectType | undefined) ?? (typeForMode(mode) as GitObjectType);
    if (type !== typeForMode(mode)) throw new HttpError(422, "Must supply a valid tree.type");
    if (typeof raw.content === "string") {
      if (raw.sha !== undefined)
        throw new HttpError(422, "Must supply either tree.sha or tree.content, not both");
      if (type !== "blob") throw new HttpError(422, "tree.content can only be used with blobs");
      const sha = await git.hashObject("blob", raw.content);
      changes.push({ path, mode, type, sha });
    } else if (raw.sha === null) {
      changes.push({ path, mode, type, sha: null });
    } else if (isSha(raw.sha)) {
      changes.push({ path, mode, type, sha: raw.sha });
    } else {
      throw new HttpError(422, "Must supply tree.sha or tree.content");
    }
  }
  await checkTreeShas(git, changes);
  const sha = await buildTree(git, base, changes);
  const body = await treeJson(c.world, repo, sha, false);
  return { status: 201, body, headers: { location: body.url } };
}

async function createACommit(c: RequestContext) {
  const repo = write(c);
  const git = repo.git;
  const w = c.world;
  const message = c.body.message;
  if (typeof message !== "string")
    throw new HttpError(422, `Invalid request.\n\n"message" wasn't supplied.`);
  const tree = c.body.tree;
  if (typeof tree !== "string")
    throw new HttpError(422, `Invalid request.\n\n"tree" wasn't supplied.`);
  if (!isSha(tree) || (await git.objectType(tree)) !== "tree")
    throw new HttpError(422, "Tree SHA does not exist");
  const parents = (c.body.parents ?? []) as unknown[];
  if (!Array.isArray(parents))
    throw new HttpError(422, "Invalid request.\n\nparents must be an array.");
  for (const parent of parents) {
    if (!isSha(parent) || (await git.objectType(parent)) !== "commit") {
      throw new HttpError(422, "Parent SHA does not exist or is not a commit object");
    }
  }
  const now = w.ident(actorUser(c.op));
  const author = identFrom(w, c.body.author, now);
  const custom = c.body.author != null || c.body.committer != null;
  const committer = identFrom(w, c.body.committer, author);
  const sha = await git.commitTree({
    tree,
    parents: parents as string[],
    message,
    author,
    committer,
  });
  if (c.actor.kind === "bot" && !custom) markSigned(repo, sha);
  const parsed = await git.readCommit(sha);
  if (!parsed) throw new HttpError(500, "Server Error");
  const body = gitCommit(w, repo, parsed);
  return { status: 201, body, headers: { location: String(body.url) } };
}

async function getACommitObject(c: RequestContext) {
  const repo = c.repo();
  const sha = c.params.sha as string;
  const parsed = isSha(sha) ? await repo.git.readCommit(sha) : null;
  if (!parsed) throw new HttpError(404, "Not Found");
  return { status: 200, body: gitCommit(c.world, repo, parsed) };
}

async function createATagObject(c: RequestContext) {
  const repo = write(c);
  const git = repo.git;
  const tag = requireString(c.body, "tag");
  const message = typeof c.body.message === "string" ? c.body.message : "";
  const object = requireString(c.body, "object");
  const type = (c.body.type ?? "commit") as GitObjectType;
  const actual = isSha(object) ? await git.objectType(object) : null;
  if (!actual) throw new HttpError(422, "Object does not exist");
  if (actual !== type) throw new HttpError(422, `Object is not a ${type}`);
  const tagger = identFrom(c.world, c.body.tagger, c.world.ident(actorUser(c.op)));
  const sha = await git.mktag({ object, type, tag, tagger, message });
  const parsed = await git.readTag(sha);
  if (!parsed) throw new HttpError(500, "Server Error");
  const body = gitTag(c.world, repo, parsed);
  return { status: 201, body, headers: { location: String(body.url) } };
}

async function getATag(c: RequestContext) {
  const repo = c.repo();
  const sha = c.params.sha as string;
  const parsed = isSha(sha) ? await repo.git.readTag(sha) : null;
  if (!parsed) throw new HttpError(404, "Not Found");
  return { status: 200, body: gitTag(c.world, repo, parsed) };
}

export const gitRoutes: RouteTable = [
  route("GET", `${R}/git/ref/{ref+}`, getAReference, { docs: "git/refs#get-a-reference" }),
  route("GET", `${R}/git/matching-refs/{ref+}`, listMatchingReferences, {
    docs: "git/refs#list-matching-references",
  }),
  route("POST", `${R}/git/refs`, createAReference, { docs: "git/refs#create-a-reference" }),
  route("PATCH", `${R}/git/refs/{ref+}`, updateAReference, { docs: "git/refs#update-a-reference" }),
  route("DELETE", `${R}/git/refs/{ref+}`, deleteAReference, {
    docs: "git/refs#delete-a-reference",
  }),
  route("POST", `${R}/git/blobs`, createABlob, { docs: "git/blobs#create-a-blob" }),
  route("GET", `${R}/git/blobs/{sha}`, getABlob, { docs: "git/blobs#get-a-blob" }),
  route("GET", `${R}/git/trees/{sha+}`, getATree, { docs: "git/trees#get-a-tree" }),
  route("POST", `${R}/git/trees`, createATree, { docs: "git/trees#create-a-tree" }),
  route("POST", `${R}/git/commits`, createACommit, { docs: "git/commits#create-a-commit" }),
  route("GET", `${R}/git/commits/{sha}`, getACommitObject, {
    docs: "git/commits#get-a-commit-object",
  }),
  route("POST", `${R}/git/tags`, createATagObject, { docs: "git/tags#create-a-tag-object" }),
  route("GET", `${R}/git/tags/{sha}`, getATag, { docs: "git/tags#get-a-tag" }),
];
