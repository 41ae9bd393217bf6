import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mergeTexts } from "../../../../src/core/pick/merge/merge3.js";
import { caseShapes, type GitResult, generateCase } from "./generated-cases.js";

/** What git made of each generated case (`scripts/merge-fixtures.ts`). */
const recorded = JSON.parse(
  readFileSync(new URL("../../../fixtures/merges/git-results.json", import.meta.url), "utf8"),
) as { git: string; results: GitResult[] };

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

describe(`the merge of generated cases, byte for byte as ${recorded.git} merges them`, () => {
  const shapes = caseShapes();
  const groups = [
    ["small", shapes.filter((s) => s.name.startsWith("small-"))],
    ["medium", shapes.filter((s) => s.name.startsWith("medium-"))],
    ["costly", shapes.filter((s) => s.name.startsWith("costly-"))],
    ["early-stop", shapes.filter((s) => s.name === "early-stop")],
  ] as const;
  for (const [group, members] of groups) {
    it(`${group}: git merge-file (Myers, alnum) and git merge-tree (histogram, zealous)`, () => {
      const disagreements: string[] = [];
      for (const shape of members) {
        const c = generateCase(shape);
        for (const result of recorded.results.filter((r) => r.name === c.name)) {
          const level = result.algorithm === "myers" ? "alnum" : "zealous";
          const merged = mergeTexts(c.base, c.ours, c.theirs, {
            algorithm: result.algorithm,
            level,
            ours: "ours",
            theirs: "theirs",
          });
          const mine = {
            clean: merged.clean,
            conflicts: result.conflicts === null ? null : Math.min(merged.conflicts.length, 127),
            sha1: sha1(merged.text),
          };
          const git = { clean: result.clean, conflicts: result.conflicts, sha1: result.sha1 };
          if (JSON.stringify(mine) !== JSON.stringify(git)) {
            disagreements.push(
              `${c.name} ${result.algorithm}: git ${JSON.stringify(git)}, ours ${JSON.stringify(mine)}`,
            );
          }
        }
      }
      expect(disagreements).toEqual([]);
      // The large cases take a second or two alone: room for a busy machine and instrumented code.
    }, 120_000);
  }
});
