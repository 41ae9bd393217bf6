/**
 * The "did you mean" of an unknown command: which near misses get an answer. A name too far from
 * every command gets none, so a comment for people or another bot stays unanswered.
 */
import { describe, expect, it } from "vitest";
import { parseCommands } from "../../../src/core/commands/parse.js";
import { suggestCommand } from "../../../src/core/commands/suggestion.js";

describe("suggestCommand", () => {
  it("counts a swap of two neighbouring letters as one edit", () => {
    expect(suggestCommand("hepl")).toBe("help");
    expect(suggestCommand("cr")).toBe("rc");
    expect(suggestCommand("cheyrypick")).toBe("cherry-pick");
  });

  it("counts a swap only when both letters trade places", () => {
    expect(suggestCommand("ar")).toBeUndefined();
    expect(suggestCommand("bhlp")).toBeUndefined();
    expect(suggestCommand("aapl")).toBeUndefined();
    expect(suggestCommand("aarc")).toBeUndefined();
  });

  it("leaves names more edits away unanswered", () => {
    expect(parseCommands("/ar 1.5\n/aapl\n/aarc 1.5")).toEqual([]);
  });
});
