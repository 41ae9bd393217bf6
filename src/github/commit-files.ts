import { describeRefusal, refusalSentence } from "../core/rules/refusal.js";
import { describeRequestError, isNotFastForward, isProtectedBranchRefusal } from "./errors.js";
import { writeOnce } from "./lost-answers.js";
import { type SignerCache, signedOffMessage } from "./signoff.js";
import type { GitHub, RepoId } from "./types.js";

export interface CommitFilesOptions {
  branch: string;
  /** The branch head the changes were computed on: the new commit's only parent. */
  parentSha: string;
  parentTreeSha: string;
  files: ReadonlyArray<{ path: string; content: string; mode?: "100644" | "100755" }>;
  message: string;
  /**
   * End the message with a `Signed-off-by:` line for the bot's identity (`commits.signoff`),
   * learnt into this cache when it does not know the repository yet.
   */
  signoff?: SignerCache | undefined;
}

export type CommitFilesOutcome =
  /** `treeSha`: the commit's tree, as GitHub made it. */
  | { status: "committed"; sha: string; treeSha: string }
  /** The branch moved after it was read: re-read and recompute, never overwrite. */
  | { status: "moved" }
  /**
   * A ruleset or branch protection refuses direct pushes: the change must go through a pull
   * request. `sha`: the commit made for it, if one was (the REST path makes it before the ref
   * moves; `createCommitOnBranch` makes none). `refusal`: GitHub's words, the rule and what an
   * admin must change.
   */
  | { status: "protected"; sha: string | null; refusal: string };

/**
 * Creates one commit holding every file change and fast-forwards the branch to it. Text files of
 * mode 100644 go in one GraphQL `createCommitOnBranch` (one write where REST takes three: the
 * tree, the commit, the ref); an executable keeps its mode through the REST git data API.
 */
export async function commitFiles(
  github: GitHub,
  repo: RepoId,
  options: CommitFilesOptions,
): Promise<CommitFilesOutcome> {
  if (options.files.every((file) => (file.mode ?? "100644") === "100644")) {
    return commitOnBranch(github, repo, options);
  }
  const { sha, treeSha } = await writeCommit(github, repo, options);
  try {
    await github.rest.git.updateRef({ ...repo, ref: `heads/${options.branch}`, sha, force: false });
    return { status: "committed", sha, treeSha };
  } catch (error) {
    if (isNotFastForward(error)) return { status: "moved" };
    if (isProtectedBranchRefusal(error)) {
      return { status: "protected", sha, refusal: describeRequestError(error) };
    }
    throw error;
  }
}

export const COMMIT_ON_BRANCH = `mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid tree { oid } } }
}`;

type CommitOnBranchData = {
  createCommitOnBranch: { commit: { oid: string; tree: { oid: string } } };
};

/**
 * The commit and the branch's move in one GraphQL request
 * (https://docs.github.com/en/graphql/reference/mutations#createcommitonbranch): GitHub builds
 * it on `expectedHeadOid` only (`STALE_DATA` when the branch moved), authors it as the App and
 * signs it. Its answer lost, the branch's head is looked at: a commit with this message on the
 * expected head is this one (sent again, the request would find the branch moved).
 */
async function commitOnBranch(
  github: GitHub,
  repo: RepoId,
  options: CommitFilesOptions,
): Promise<CommitFilesOutcome> {
  const message = options.signoff
    ? await signedOffMessage(
        github,
        repo,
        { message: options.message, tree: options.parentTreeSha, parents: [options.parentSha] },
        options.signoff,
      )
    : options.message;
  const [headline = "", ...rest] = message.split("\n");
  const body = rest.join("\n").replace(/^\n/, "");
  const input = {
    branch: { repositoryNameWithOwner: `${repo.owner}/${repo.repo}`, branchName: options.branch },
    expectedHeadOid: options.parentSha,
    message: body ? { headline, body } : { headline },
    fileChanges: {
      additions: options.files.map((file) => ({
        path: file.path,
        contents: Buffer.from(file.content, "utf8").toString("base64"),
      })),
    },
  };
  try {
    return await writeOnce(
      github,
      async (noRetry): Promise<CommitFilesOutcome> => {
        const data = await github.graphql<CommitOnBranchData>(COMMIT_ON_BRANCH, {
          input,
          ...noRetry,
        });
        const { commit } = data.createCommitOnBranch;
        return { status: "committed", sha: commit.oid, treeSha: commit.tree.oid };
      },
      async () => {
        const { data } = await github.rest.repos.getBranch({ ...repo, branch: options.branch });
        const head = data.commit;
        // Git keeps a message's last newline; GitHub's answers drop it.
        const ours =
          head.parents[0]?.sha === options.parentSha &&
          head.commit.message.trimEnd() === message.trimEnd();
        return ours ? { status: "committed", sha: head.sha, treeSha: head.commit.tree.sha } : null;
      },
    );
  } catch (error) {
    const errors = (error as { errors?: Array<{ type?: string; message?: string }> }).errors;
    if (!Array.isArray(errors)) throw error;
    if (errors.some((e) => e.type === "STALE_DATA")) return { status: "moved" };
    const said = errors.map((e) => e.message ?? "").join(" ");
    const refusal = describeRefusal(422, said);
    if (refusal?.kind === "rule") {
      return {
        status: "protected",
        sha: null,
        refusal: `GitHub answered: ${said.replace(/\s+/g, " ").trim()} (${refusalSentence(refusal)})`,
      };
    }
    throw error;
  }
}

/** Creates the commit object only (blobs inline in one tree write); no ref moves. */
export async function createCommit(
  github: GitHub,
  repo: RepoId,
  options: Omit<CommitFilesOptions, "branch">,
): Promise<string> {
  return (await writeCommit(github, repo, options)).sha;
}

async function writeCommit(
  github: GitHub,
  repo: RepoId,
  options: Omit<CommitFilesOptions, "branch">,
): Promise<{ sha: string; treeSha: string }> {
  const { data: tree } = await github.rest.git.createTree({
    ...repo,
    base_tree: options.parentTreeSha,
    tree: options.files.map((file) => ({
      path: file.path,
      mode: file.mode ?? "100644",
      type: "blob" as const,
      content: file.content,
    })),
  });
  const object = { message: options.message, tree: tree.sha, parents: [options.parentSha] };
  const message = options.signoff
    ? await signedOffMessage(github, repo, object, options.signoff)
    : options.message;
  const { data: commit } = await github.rest.git.createCommit({ ...repo, ...object, message });
  return { sha: commit.sha, treeSha: tree.sha };
}
