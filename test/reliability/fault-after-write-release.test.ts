import { CANDIDATE, FINAL, FIRST_CANDIDATE, faultAfterWriteRows } from "./fault-after-write.js";

/**
 * Release flows with every write's answer lost after GitHub did it (fault-after-write.ts): the
 * first candidate of a new branch (claim, bump, tag, release, claim released; the dashboard issue
 * its tag creates), `/rc` and `/release` (reaction, bump, tag, release, reply; dashboard edits).
 */
faultAfterWriteRows(FIRST_CANDIDATE);
faultAfterWriteRows(CANDIDATE);
faultAfterWriteRows(FINAL);
