import { describe, expect, it } from "vitest";
import { pickCommitMessage, signedPicksNote } from "../../../src/core/pick/authorship.js";
import type { PickCommit } from "../../../src/core/pick/plan.js";

const ana = { name: "Ana", email: "ana@example.com", date: "2025-03-01T10:00:00Z" };
const commit = (message: string, author = ana): PickCommit => ({
  sha: "a".repeat(40),
  parentSha: "b".repeat(40),
  message,
  author,
});

describe("pickCommitMessage", () => {
  it("is git cherry-pick -x's message when commits need not be signed", () => {
    expect(pickCommitMessage(commit("Fix it"), false)).toBe(
      `Fix it\n\n(cherry picked from commit ${"a".repeat(40)})\n`,
    );
  });

  it("adds the author as a Co-authored-by trailer in the same trailer block when signed", () => {
    expect(pickCommitMessage(commit("Fix it\n\nSigned-off-by: Ana <ana@example.com>"), true)).toBe(
      `Fix it\n\nSigned-off-by: Ana <ana@example.com>\n(cherry picked from commit ${"a".repeat(40)})\nCo-authored-by: Ana <ana@example.com>\n`,
    );
  });

  it("does not repeat a co-author the message already names", () => {
    const message = "Fix it\n\nCo-authored-by: Ana <ana@example.com>";
    expect(pickCommitMessage(commit(message), true).match(/Co-authored-by/g)).toHaveLength(1);
  });
});

describe("signedPicksNote", () => {
  it("names each author once", () => {
    const bo = { ...ana, name: "Bo", email: "bo@example.com" };
    expect(signedPicksNote([commit("a"), commit("b", bo), commit("c")])).toContain(
      "Written by Ana <ana@example.com>, Bo <bo@example.com>.",
    );
  });
});

describe("signed picks of commits without an author", () => {
  const orphan = (): PickCommit => ({ ...commit("Fix it"), author: null });

  it("keeps git's message when the commit names no author", () => {
    expect(pickCommitMessage(orphan(), true)).toBe(
      `Fix it\n\n(cherry picked from commit ${"a".repeat(40)})\n`,
    );
  });

  it("names only the authors it knows in the pull request body, and none when none is known", () => {
    const note =
      "The target branch requires signed commits, so GitHub signed these picks and the App is their author; the original authors are `Co-authored-by` trailers.";
    expect(signedPicksNote([orphan()])).toBe(note);
    expect(signedPicksNote([orphan(), commit("Test it")])).toBe(
      `${note} Written by Ana <ana@example.com>.`,
    );
  });
});
