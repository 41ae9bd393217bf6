import type { ListedEntry } from "../core/git/object-ids.js";
import type { GitHub, RepoId } from "./types.js";

export interface TreeFile {
  path: string;
  /** Blob SHA, so the file can be read without another listing. */
  sha: string;
  /** File mode, kept on rewrite so an executable stays executable. */
  mode: "100644" | "100755";
  /** Size in bytes, as the listing gives it. */
  size?: number;
}

/**
 * The text files of a tree, and every entry of the listing (directories, symlinks and
 * submodules too), from which a tree's id after a change is computed locally.
 */
export type TreeListing = TreeFile[] & { readonly treeEntries: readonly ListedEntry[] };

/** Every file of a commit's tree, in one call. */
export async function listFiles(
  github: GitHub,
  repo: RepoId,
  treeSha: string,
): Promise<TreeListing> {
  const { data } = await github.rest.git.getTree({ ...repo, tree_sha: treeSha, recursive: "true" });
  if (data.truncated) {
    // GitHub cuts recursive trees past 100,000 entries; a partial list would silently skip charts.
    throw new Error(
      "the repository tree is too large for one listing; list the chart files explicitly in charts.paths",
    );
  }
  const treeEntries = data.tree.flatMap((entry) =>
    entry.path && entry.sha && entry.mode
      ? [{ path: entry.path, mode: entry.mode, sha: entry.sha }]
      : [],
  );
  const files = data.tree
    // Symlinks (120000) and submodules are not text files the bot may rewrite.
    .filter((entry) => entry.type === "blob" && entry.mode !== "120000" && entry.path && entry.sha)
    .map((entry) => ({
      path: entry.path as string,
      sha: entry.sha as string,
      mode: entry.mode === "100755" ? ("100755" as const) : ("100644" as const),
      ...(entry.size === undefined ? {} : { size: entry.size }),
    }));
  return Object.assign(files, { treeEntries });
}

/** One text to read in a batch: a blob by id, or a file by `<rev>:<path>`. */
export type TextRequest = { key: string; oid: string } | { key: string; expression: string };

/** Aliases in one GraphQL document: GitHub's node limits are far above this. */
const PER_QUERY = 100;

type BlobAnswer = { text?: string | null; isTruncated?: boolean } | null;

/** The document (and its variables) that reads one batch of texts: alias `f<i>` per request. */
export function textsDocument(
  repo: RepoId,
  batch: readonly TextRequest[],
): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = { owner: repo.owner, name: repo.repo };
  const fields = batch.map((request, i) => {
    const by = "oid" in request ? "oid" : "expression";
    variables[`v${i}`] = "oid" in request ? request.oid : request.expression;
    const type = by === "oid" ? "GitObjectID" : "String";
    return {
      field: `f${i}: object(${by}: $v${i}) { ... on Blob { text isTruncated } }`,
      type,
      i,
    };
  });
  const query = `query ($owner: String!, $name: String!, ${fields.map((f) => `$v${f.i}: ${f.type}!`).join(", ")}) {
  repository(owner: $owner, name: $name) { ${fields.map((f) => f.field).join(" ")} }
}`;
  return { query, variables };
}

/**
 * Reads texts in one GraphQL request (per 100): blobs by id, files by `rev:path` (a file that is
 * not there reads as null). The batch is the one file read of a release flow, and the place to
 * add reads that should travel with it. A blob GitHub truncates or takes for binary is read
 * again over REST, whole.
 */
export async function readTexts(
  github: GitHub,
  repo: RepoId,
  requests: readonly TextRequest[],
): Promise<Map<string, string | null>> {
  const texts = new Map<string, string | null>();
  for (let start = 0; start < requests.length; start += PER_QUERY) {
    const batch = requests.slice(start, start + PER_QUERY);
    const answers = await askBlobs(github, repo, batch);
    await Promise.all(
      batch.map(async (request, i) => {
        const blob = answers[i] ?? null;
        const text = wholeText(blob);
        if (text !== null) {
          texts.set(request.key, text);
        } else if (blob !== null && "oid" in request) {
          texts.set(request.key, await readBlob(github, repo, request.oid));
        } else {
          texts.set(request.key, null);
        }
      }),
    );
  }
  return texts;
}

/**
 * Many files' text for a search, in the batches the caller chose, the batches in flight
 * together, one request each (the same document as `readTexts`). What a search has no use for is
 * left out rather than read again over REST: a blob GitHub takes for binary (`text` null,
 * https://docs.github.com/en/graphql/reference/objects#blob), one it truncates, one that is not
 * there. Files that share a blob cost one alias.
 */
export async function readTextBatches(
  github: GitHub,
  repo: RepoId,
  batches: ReadonlyArray<ReadonlyArray<{ path: string; sha: string }>>,
): Promise<Map<string, string>> {
  const read = await Promise.all(
    batches.map(async (files) => {
      const shas = [...new Set(files.map((file) => file.sha))];
      if (shas.length === 0) return [];
      const answers = await askBlobs(
        github,
        repo,
        shas.map((sha) => ({ key: sha, oid: sha })),
      );
      const bySha = new Map(
        shas.flatMap((sha, i) => {
          const text = wholeText(answers[i] ?? null);
          return text === null ? [] : [[sha, text] as const];
        }),
      );
      return files.flatMap((file) => {
        const text = bySha.get(file.sha);
        return text === undefined ? [] : [[file.path, text] as const];
      });
    }),
  );
  return new Map(read.flat());
}

/** One request for a batch: GitHub's answer to each of its reads, in order (null: no such object). */
async function askBlobs(
  github: GitHub,
  repo: RepoId,
  batch: readonly TextRequest[],
): Promise<BlobAnswer[]> {
  const { query, variables } = textsDocument(repo, batch);
  const data = await github.graphql<{ repository: Record<string, BlobAnswer> }>(query, variables);
  return batch.map((_, i) => data.repository[`f${i}`] ?? null);
}

/** The text of a blob GitHub gave whole; null for a binary, truncated or missing one. */
function wholeText(blob: BlobAnswer): string | null {
  return blob !== null && typeof blob.text === "string" && !blob.isTruncated ? blob.text : null;
}

async function readBlob(github: GitHub, repo: RepoId, sha: string): Promise<string> {
  const { data } = await github.rest.git.getBlob({ ...repo, file_sha: sha });
  return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
}

/** Reads text files by blob SHA, all in one request. */
export async function readFiles(
  github: GitHub,
  repo: RepoId,
  files: readonly TreeFile[],
): Promise<Map<string, string>> {
  if (files.length === 0) return new Map();
  const texts = await readTexts(
    github,
    repo,
    files.map((file) => ({ key: file.path, oid: file.sha })),
  );
  return new Map(files.map((file) => [file.path, texts.get(file.path) ?? ""]));
}
