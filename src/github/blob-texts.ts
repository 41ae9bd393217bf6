/**
 * Many files' text in one request: a GraphQL document with one aliased `object(oid:)` per blob
 * (`... on Blob { text isBinary byteSize isTruncated }`,
 * https://docs.github.com/en/graphql/reference/objects#blob), so a search through a hundred
 * files costs one call where the REST API takes a hundred. Binary and truncated blobs are left
 * out: they hold no line anyone edits by hand.
 */
import type { GitHub, RepoId } from "./types.js";

/** A file to read: its path and blob SHA (from the tree listing). */
export interface BlobFile {
  path: string;
  sha: string;
}

interface BlobNode {
  text?: string | null;
  isBinary?: boolean | null;
  isTruncated?: boolean;
}

type BlobsData = { repository: Record<string, BlobNode | null> | null };

const OID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The document that reads `shas`, aliased `b0`, `b1`, … in their order. */
export function blobsQuery(shas: readonly string[]): string {
  const fields = shas.map(
    (sha, i) =>
      `    b${i}: object(oid: "${sha}") { ... on Blob { text isBinary byteSize isTruncated } }`,
  );
  return `query ($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n${fields.join("\n")}\n  }\n}`;
}

/**
 * The text of each file, one request per batch, the batches in flight together. A file whose
 * blob is binary, truncated or missing is absent from the result. A SHA that is not a git object
 * id is refused before any request (it would be written into the document).
 */
export async function readBlobTexts(
  github: GitHub,
  repo: RepoId,
  batches: ReadonlyArray<readonly BlobFile[]>,
): Promise<Map<string, string>> {
  const results = await Promise.all(batches.map((batch) => readBatch(github, repo, batch)));
  return new Map(results.flatMap((result) => [...result]));
}

async function readBatch(
  github: GitHub,
  repo: RepoId,
  files: readonly BlobFile[],
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (files.length === 0) return texts;
  const shas = [...new Set(files.map((file) => file.sha))];
  const bad = shas.find((sha) => !OID.test(sha));
  if (bad !== undefined) throw new Error(`${JSON.stringify(bad)} is not a git object id`);
  const data = await github.graphql<BlobsData>(blobsQuery(shas), {
    owner: repo.owner,
    name: repo.repo,
  });
  const bySha = new Map<string, string>();
  for (const [i, sha] of shas.entries()) {
    const node = data.repository?.[`b${i}`];
    if (!node || node.isBinary === true || node.isTruncated || typeof node.text !== "string") {
      continue;
    }
    bySha.set(sha, node.text);
  }
  for (const file of files) {
    const text = bySha.get(file.sha);
    if (text !== undefined) texts.set(file.path, text);
  }
  return texts;
}
