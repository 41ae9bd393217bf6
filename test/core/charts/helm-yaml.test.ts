import { describe, expect, it } from "vitest";
import { helmYaml, naturalKeyOrder } from "../../../src/core/charts/helm-yaml.js";

describe("naturalKeyOrder (go-yaml v2's map key order)", () => {
  it.each([
    ["a", "b"],
    ["a", "ab"],
    ["apiVersion", "appVersion"],
    ["a.b", "ab"],
    ["a_", "aB"],
    ["a2", "a10"],
    ["a1b", "a1_"],
    ["a09", "a10"],
    ["a1", "a01"],
    ["a10", "a010"],
    ["a1.0", "a1.00"],
    ["1", "a"],
    ["é", "éa"],
    ["import-values", "name"],
  ])("puts %s before %s", (first, second) => {
    expect(naturalKeyOrder(first, second)).toBeLessThan(0);
    expect(naturalKeyOrder(second, first)).toBeGreaterThan(0);
  });

  it("sees equal keys as equal", () => {
    expect(naturalKeyOrder("version", "version")).toBe(0);
  });
});

describe("helmYaml", () => {
  it("writes keys in that order, sequences flush, YAML 1.1 look-alikes double-quoted", () => {
    expect(
      helmYaml({
        version: "1.0",
        b10: "yes",
        b9: "on",
        created: "2025-07-22T05:53:33.469274529Z",
        list: [{ z: 1, a: "null" }],
        text: "plain words",
        multi: "one\ntwo",
      }),
    ).toBe(
      'b9: "on"\nb10: "yes"\ncreated: "2025-07-22T05:53:33.469274529Z"\nlist:\n- a: "null"\n  z: 1\nmulti: |-\n  one\n  two\ntext: plain words\nversion: "1.0"\n',
    );
  });

  it("folds a long plain string at 80 columns", () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(" ");
    const text = helmYaml({ description: words });
    expect(text.split("\n").every((line) => line.length <= 80)).toBe(true);
    expect(text.split("\n")[1]).toMatch(/^ {2}word/);
  });
});
