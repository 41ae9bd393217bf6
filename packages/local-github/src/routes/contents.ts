/** `GET /repos/{o}/{r}/contents/{path}`: a file (json or raw) or a directory listing. */
import type { RepoRecord } from "../model.js";
import { resolveCommitish } from "../ops/refs.js";
import { type RequestContext, type RouteTable, route } from "../router.js";
import { repoApi, repoHtml } from "../shapes.js";
import { base64Wrapped, HttpError } from "../util.js";
import type { World } from "../world.js";
import { encPath } from "./repos.js";

const R = "/repos/{owner}/{repo}";

function contentEntry(
  w: World,
  repo: RepoRecord,
  ref: string,
  path: string,
  type: string,
  sha: string,
  size: number,
) {
  const api = repoApi(w, repo);
  const html = repoHtml(w, repo);
  const self = `${api}/contents/${encPath(path)}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = type === "dir" ? `${api}/git/trees/${sha}` : `${api}/git/blobs/${sha}`;
  const htmlUrl = `${html}/${type === "dir" ? "tree" : "blob"}/${ref}/${encPath(path)}`;
  return {
    name: path.slice(path.lastIndexOf("/") + 1),
    path,
    sha,
    size,
    url: self,
    html_url: htmlUrl,
    git_url: gitUrl,
    download_url:
      type === "file"
        ? `${w.htmlUrl.replace("://", "://raw.")}/${repo.fullName}/${ref}/${encPath(path)}`
        : null,
    type,
    _links: { self, git: gitUrl, html: htmlUrl },
  };
}

/** The type a directory listing gives a tree entry. */
function entryType(e: { type: string; mode: string }): string {
  if (e.type === "tree") return "dir";
  if (e.type === "commit") return "submodule";
  return e.mode === "120000" ? "symlink" : "file";
}

async function contents(c: RequestContext, path: string) {
  const repo = c.repo();
  const git = repo.git;
  const ref = c.query.get("ref") ?? repo.defaultBranch;
  const commit = await resolveCommitish(repo, ref);
  if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
  const cleanPath = path.replace(/^\/+|\/+$/g, "");
  const spec = cleanPath ? `${commit}:${cleanPath}` : `${commit}^{tree}`;
  const sha = await git.revParse(spec);
  if (!sha) throw new HttpError(404, "Not Found");
  const type = await git.objectType(sha);
  const w = c.world;
  if (type === "tree") {
    const entries = await git.lsTree(sha, { long: true });
    return {
      status: 200,
      body: entries.map((e) =>
        contentEntry(
          w,
          repo,
          ref,
          cleanPath ? `${cleanPath}/${e.name}` : e.name,
          entryType(e),
          e.sha,
          e.size ?? 0,
        ),
      ),
    };
  }
  const obj = await git.readObject(sha);
  if (obj?.type !== "blob") throw new HttpError(404, "Not Found");
  if (c.format === "raw")
    return { status: 200, text: obj.data, contentType: "text/plain; charset=utf-8" };
  return {
    status: 200,
    body: {
      ...contentEntry(w, repo, ref, cleanPath, "file", sha, obj.data.length),
      content: base64Wrapped(obj.data),
      encoding: "base64",
    },
  };
}

function getRepositoryContent(c: RequestContext) {
  return contents(c, c.params.path as string);
}

function getRepositoryRootContent(c: RequestContext) {
  return contents(c, "");
}

export const contentRoutes: RouteTable = [
  route("GET", `${R}/contents/{path+}`, getRepositoryContent, {
    docs: "repos/contents#get-repository-content",
  }),
  route("GET", `${R}/contents`, getRepositoryRootContent, {
    docs: "repos/contents#get-repository-content",
  }),
];
