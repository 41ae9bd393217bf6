import {
  faultAfterWriteRows,
  MERGED_RELEASE_PULL_REQUEST,
  ONE_COMMIT_PICK,
  THREE_COMMIT_PICK,
} from "./fault-after-write.js";

/**
 * Flows started by a merge, with every write's answer lost after GitHub did it
 * (fault-after-write.ts): a merged release pull request (tag, release, comment, its branch
 * deleted), and picks of one and of three commits (temporary commit and branch, merges, commits,
 * the GraphQL finish, the pull request, its labels, the status comment; the check runs and
 * dashboard edits of the events they cause).
 */
faultAfterWriteRows(MERGED_RELEASE_PULL_REQUEST);
faultAfterWriteRows(ONE_COMMIT_PICK);
faultAfterWriteRows(THREE_COMMIT_PICK);
