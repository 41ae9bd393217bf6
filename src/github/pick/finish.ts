/**
 * The last step of a pick in one request: the pick branch created at the last real commit and
 * the temporary branch deleted, as two mutations of one GraphQL document (`createRef`,
 * `deleteRef`; https://docs.github.com/en/graphql/reference/mutations). Under GitHub's write
 * throttling (one content-creating request a second) this is one write where the REST API
 * takes two.
 *
 * GitHub runs a document's mutations one after the other and answers each on its own: one may
 * fail while the other succeeds (a GraphQL error names its field in `path`). Whatever did not
 * happen here is left to the REST path, which knows every answer GitHub gives there (the pick
 * branch already existing, a rule refusing it) and deletes what is left of the temporary branch.
 */
import type { GitHub } from "../types.js";

/** The pick's finishing mutation (`test/github/graphql-schema.test.ts` checks it, with every other GraphQL document the bot sends, against GitHub's schema). */
export const CREATE_AND_DELETE = `mutation ($repositoryId: ID!, $name: String!, $oid: GitObjectID!, $temporary: ID!) {
  pick: createRef(input: { repositoryId: $repositoryId, name: $name, oid: $oid }) { ref { name } }
  temporary: deleteRef(input: { refId: $temporary }) { clientMutationId }
}`;

export interface FinishRequest {
  /** The repository's GraphQL node id (`repository.node_id` of the webhook). */
  repositoryId: string;
  /** `refs/heads/<pick branch>`. */
  ref: string;
  /** The last real commit. */
  sha: string;
  /** The temporary branch's node id (`node_id` of its `POST /git/refs` answer). */
  temporaryId: string;
}

/** What the request did: each part that did not happen is the caller's to do over REST. */
export interface FinishResult {
  created: boolean;
  temporaryDeleted: boolean;
}

type FinishData = {
  pick?: { ref?: { name?: string } | null } | null;
  temporary?: object | null;
};

export async function createPickBranchDeletingTemporary(
  github: GitHub,
  request: FinishRequest,
): Promise<FinishResult> {
  let data: FinishData | undefined;
  try {
    data = await github.graphql<FinishData>(CREATE_AND_DELETE, {
      repositoryId: request.repositoryId,
      name: request.ref,
      oid: request.sha,
      temporary: request.temporaryId,
    });
  } catch (error) {
    // A GraphQL error still carries what the other mutation did; any other error, nothing known.
    data = (error as { data?: FinishData }).data;
  }
  return {
    created: typeof data?.pick?.ref?.name === "string",
    temporaryDeleted: data?.temporary !== undefined && data.temporary !== null,
  };
}
