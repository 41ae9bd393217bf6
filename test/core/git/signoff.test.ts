import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config.js";
import { withSignoff } from "../../../src/core/git/signoff.js";
import { tagMessage } from "../../../src/core/release/tag-message.js";

const bot = { name: "release-bot[bot]", email: "41+release-bot[bot]@users.noreply.github.com" };
const line = "Signed-off-by: release-bot[bot] <41+release-bot[bot]@users.noreply.github.com>";

describe("signing a commit message off", () => {
  it("adds a paragraph after a body that is not trailers", () => {
    expect(withSignoff("Release v1.5.0\n\nSet the version in:\n- VERSION\n", bot)).toBe(
      `Release v1.5.0\n\nSet the version in:\n- VERSION\n\n${line}\n`,
    );
  });

  it("joins a trailer block the message already ends in", () => {
    expect(withSignoff("Fix\n\nCo-authored-by: A <a@example.com>\n", bot)).toBe(
      `Fix\n\nCo-authored-by: A <a@example.com>\n${line}\n`,
    );
  });

  it("never takes a subject for a trailer block", () => {
    expect(withSignoff("fix: a nil pointer", bot)).toBe(`fix: a nil pointer\n\n${line}\n`);
  });

  it("reads trailers by git's rules, as cherry-pick -x does: a sign-off makes a mostly-prose block one", () => {
    // git's has_conforming_footer: a git-generated line and at least a quarter of trailer lines.
    expect(withSignoff("Fix\n\nSee #12.\nSigned-off-by: A <a@example.com>\n", bot)).toBe(
      `Fix\n\nSee #12.\nSigned-off-by: A <a@example.com>\n${line}\n`,
    );
    expect(withSignoff("Fix\n\nFixes: #12\n  (the nil pointer)\n", bot)).toBe(
      `Fix\n\nFixes: #12\n  (the nil pointer)\n${line}\n`,
    );
  });

  it("leaves a message the signer already signed off alone", () => {
    expect(withSignoff(`Release v1.5.0\n\n${line}\n\n`, bot)).toBe(`Release v1.5.0\n\n${line}\n`);
  });
});

describe("the tag message", () => {
  it("is `Release {tag}` by default and any format with a placeholder otherwise", () => {
    const strings = { version: "2.3.0", tag: "v2.3.0", image: "2.3.0" };
    expect(tagMessage(defaultConfig, strings)).toBe("Release v2.3.0");
    const spark = {
      tags: { ...defaultConfig.tags, message: "Spark Operator Official Release {tag}" },
    };
    expect(tagMessage(spark, strings)).toBe("Spark Operator Official Release v2.3.0");
  });
});

describe("signing off: where the last paragraph is", () => {
  it("takes a line of spaces as a paragraph break", () => {
    expect(withSignoff("Fix\n  \nReviewed-by: B <b@c>", bot)).toBe(
      `Fix\n  \nReviewed-by: B <b@c>\n${line}\n`,
    );
  });

  it("reads the last paragraph, not the second", () => {
    expect(withSignoff("Fix\n\nReviewed-by: B <b@c>\n\nThanks to all", bot)).toBe(
      `Fix\n\nReviewed-by: B <b@c>\n\nThanks to all\n\n${line}\n`,
    );
  });

  it("needs every line of it to be a trailer, each from the start of its line", () => {
    expect(withSignoff("Fix\n\nReviewed-by: B <b@c>\nthanks", bot)).toBe(
      `Fix\n\nReviewed-by: B <b@c>\nthanks\n\n${line}\n`,
    );
    expect(withSignoff("Fix\n\nWe now set Key: value", bot)).toBe(
      `Fix\n\nWe now set Key: value\n\n${line}\n`,
    );
  });
});
