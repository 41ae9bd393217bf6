import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  cherryPickedFrom,
  cherryPickedMessage,
  endsWithTrailerBlock,
  stripSpace,
} from "../../../src/core/pick/message.js";

const require = createRequire(import.meta.url);
const recorded = require("../../fixtures/cherry-pick/git-messages.json") as {
  git: string;
  cases: Array<{ name: string; message: string; sha: string; picked: string }>;
};

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("cherryPickedMessage", () => {
  describe(`writes what ${recorded.git} cherry-pick -x writes`, () => {
    it.each(recorded.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      expect(cherryPickedMessage(c.message, c.sha)).toBe(c.picked);
    });
  });

  it("puts a blank line before the line when the message has no trailers", () => {
    expect(cherryPickedMessage("Fix the operator\n\nIt crashed.\n", SHA)).toBe(
      `Fix the operator\n\nIt crashed.\n\n(cherry picked from commit ${SHA})\n`,
    );
  });

  it("appends the line right after a Signed-off-by trailer block, keeping the sign-off for DCO", () => {
    expect(cherryPickedMessage("Fix\n\nBody.\n\nSigned-off-by: Ana <ana@example.com>", SHA)).toBe(
      `Fix\n\nBody.\n\nSigned-off-by: Ana <ana@example.com>\n(cherry picked from commit ${SHA})\n`,
    );
  });

  it("adds a second line under an existing (cherry picked from ...) line, as git does", () => {
    const once = cherryPickedMessage("Fix\n", "a".repeat(40));
    expect(cherryPickedMessage(once, SHA)).toBe(
      `Fix\n\n(cherry picked from commit ${"a".repeat(40)})\n(cherry picked from commit ${SHA})\n`,
    );
  });

  it("turns CRLF line ends into LF, as git's whitespace cleanup does", () => {
    expect(cherryPickedMessage("Fix\r\n\r\nSigned-off-by: A <a@b>\r\n", SHA)).toBe(
      `Fix\n\nSigned-off-by: A <a@b>\n(cherry picked from commit ${SHA})\n`,
    );
  });

  it("writes only the line for an empty message", () => {
    expect(cherryPickedMessage("", SHA)).toBe(`(cherry picked from commit ${SHA})\n`);
  });

  it("keeps a release-note block intact", () => {
    const message = "Fix\n\n```release-note\nFixed: the webhook no longer panics\n```\n";
    expect(cherryPickedMessage(message, SHA)).toBe(
      `${message}\n(cherry picked from commit ${SHA})\n`,
    );
  });
});

describe("endsWithTrailerBlock", () => {
  it("does not take the title for trailers", () => {
    expect(endsWithTrailerBlock("Signed-off-by: A\n")).toBe(false);
  });

  it("needs a quarter of trailers when a git trailer is present", () => {
    expect(endsWithTrailerBlock("Fix\n\na\nb\nc\nSigned-off-by: A\n")).toBe(true);
    expect(endsWithTrailerBlock("Fix\n\na\nb\nc\nd\nSigned-off-by: A\n")).toBe(false);
  });

  it("needs every line to be a trailer otherwise", () => {
    expect(endsWithTrailerBlock("Fix\n\nReviewed-by: B\nCo-authored-by: C <c@d>\n")).toBe(true);
    expect(endsWithTrailerBlock("Fix\n\nReviewed-by: B\nthanks\n")).toBe(false);
  });

  it("looks past lines of spaces below the block, as git's trailer search does", () => {
    expect(endsWithTrailerBlock("Fix\n\nSigned-off-by: A\n   \n\t\n")).toBe(true);
  });
});

describe("stripSpace", () => {
  it("removes trailing whitespace, outer blank lines and repeated blank lines", () => {
    expect(stripSpace("\n\nA  \r\n\n\n\nB\t\n\n")).toBe("A\n\nB\n");
    expect(stripSpace(" \n\n")).toBe("");
  });
});

describe("cherryPickedFrom", () => {
  it("reads the commits a message says it was picked from", () => {
    expect(cherryPickedFrom(`Fix\n\n(cherry picked from commit ${SHA})\n`)).toEqual([SHA]);
    expect(cherryPickedFrom("Fix\n\nsee (cherry picked from commit abc) inline\n")).toEqual([]);
  });

  it("reads only whole lines, allowing blanks after them", () => {
    const line = `(cherry picked from commit ${SHA})`;
    expect(cherryPickedFrom(`Fix\n\n${line}`)).toEqual([SHA]);
    expect(cherryPickedFrom(`Fix\n\n${line}  \t\nSigned-off-by: A\n`)).toEqual([SHA]);
    expect(cherryPickedFrom(`Fix\n\nsee ${line}\n`)).toEqual([]);
    expect(cherryPickedFrom(`Fix\n\n${line}.\n`)).toEqual([]);
    expect(cherryPickedFrom(`Fix\n\n${line} and more\n`)).toEqual([]);
  });

  it("reads every line of a commit picked twice, in order", () => {
    const twice = cherryPickedMessage(cherryPickedMessage("Fix\n", "a".repeat(40)), SHA);
    expect(cherryPickedFrom(twice)).toEqual(["a".repeat(40), SHA]);
  });
});
