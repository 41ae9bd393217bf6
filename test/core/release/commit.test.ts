import { describe, expect, it } from "vitest";
import {
  isReleaseCommitMessage,
  releaseCommitSubject,
  releasePullRequestBranch,
  tagOfReleasePullRequestBranch,
} from "../../../src/core/release/commit.js";
import { parseTag } from "../../../src/core/version/numbering.js";

const ours = (tag: string) => parseTag("v{version}", tag) !== null;

describe("the bot's own release commits", () => {
  it("recognises a direct bump commit", () => {
    expect(
      isReleaseCommitMessage(
        "Release v1.5.0-rc.1\n\nSet the version to 1.5.0-rc.1 in:\n- VERSION\n",
        ours,
      ),
    ).toBe(true);
  });

  it("writes the subject it recognises", () => {
    expect(releaseCommitSubject("v1.5.0")).toBe("Release v1.5.0");
    expect(isReleaseCommitMessage(`${releaseCommitSubject("v1.5.0")} \nbody`, ours)).toBe(true);
  });

  it("recognises a squash-merged release pull request, as Spark Operator's `Release v2.3.0-rc.0 (#2603)`", () => {
    expect(isReleaseCommitMessage("Release v2.3.0-rc.0 (#2603)", ours)).toBe(true);
  });

  it("recognises the merge commit of its release pull request", () => {
    expect(
      isReleaseCommitMessage(
        "Merge pull request #12 from kubeflow/release-bot/v1.5.0\n\nRelease v1.5.0",
        ours,
      ),
    ).toBe(true);
  });

  it("does not take a fix whose title starts with Release for a bump", () => {
    expect(isReleaseCommitMessage("Release lock on shutdown (#2612)", ours)).toBe(false);
    expect(isReleaseCommitMessage("Release v1.5.0 notes typo fixed", ours)).toBe(false);
    expect(isReleaseCommitMessage("Merge pull request #13 from someone/fix-leak", ours)).toBe(
      false,
    );
  });

  it("reads only a whole subject, not one that merely contains the wording", () => {
    expect(isReleaseCommitMessage("Prepare Release v1.5.0", ours)).toBe(false);
    expect(
      isReleaseCommitMessage(
        "Re-apply Merge pull request #12 from kubeflow/release-bot/v1.5.0",
        ours,
      ),
    ).toBe(false);
    expect(
      isReleaseCommitMessage(
        "Merge pull request #12 from kubeflow/release-bot/v1.5.0 into main",
        ours,
      ),
    ).toBe(false);
  });

  it("does not take the merge of a branch named like a tag for a release pull request", () => {
    const everyTag = () => true;
    expect(isReleaseCommitMessage("Merge pull request #13 from someone/v1.5.0", everyTag)).toBe(
      false,
    );
  });

  it("only counts tags of the configured format", () => {
    expect(isReleaseCommitMessage("Release 1.5.0", ours)).toBe(false);
  });

  it("maps release pull request branches to tags and back", () => {
    expect(releasePullRequestBranch("v1.5.0-rc.1")).toBe("release-bot/v1.5.0-rc.1");
    expect(tagOfReleasePullRequestBranch("release-bot/v1.5.0-rc.1")).toBe("v1.5.0-rc.1");
    expect(tagOfReleasePullRequestBranch("release-bot/")).toBeNull();
    expect(tagOfReleasePullRequestBranch("fix/release-bot/v1")).toBeNull();
  });
});
