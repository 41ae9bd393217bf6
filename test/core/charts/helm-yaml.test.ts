import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  foldPlain,
  HELM_READS_YAML,
  helmYaml,
  naturalKeyOrder,
} from "../../../src/core/charts/helm-yaml.js";

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

  it("folds a long plain string as go-yaml does", () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(" ");
    expect(helmYaml({ description: words })).toBe(
      "description: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11\n  word12 word13 word14 word15 word16 word17 word18 word19\n",
    );
  });
});

describe("foldPlain (go-yaml's line breaking)", () => {
  const words = (n: number) => Array.from({ length: n }, () => "x".repeat(9)).join(" ");

  it("breaks at the first single space past column 80, two deeper than the key", () => {
    expect(foldPlain(`k: ${words(16)}`)).toBe(`k: ${words(8)}\n  ${words(8)}`);
    expect(foldPlain(`k: ${words(24)}`)).toBe(`k: ${words(8)}\n  ${words(8)}\n  ${words(8)}`);
    expect(foldPlain(`    description: ${words(9)}`)).toBe(
      `    description: ${words(7)}\n      ${words(2)}`,
    );
  });

  it("indents a bare item's continuation under its text, and a keyed item's under its key", () => {
    expect(foldPlain(`- ${words(9)}`)).toBe(`- ${words(8)}\n  ${words(1)}`);
    expect(foldPlain(`  - k: ${words(9)}`)).toBe(`  - k: ${words(8)}\n      ${words(1)}`);
  });

  it("folds the value of a quoted key, and never breaks inside a key however long", () => {
    expect(foldPlain(`"a: b c": ${words(9)}`)).toBe(`"a: b c": ${words(8)}\n  ${words(1)}`);
    // The space after a key's colon is past column 80 here; go-yaml breaks only in the value.
    expect(foldPlain(`${"k".repeat(85)}: a b`)).toBe(`${"k".repeat(85)}: a\n  b`);
  });

  it("leaves short lines, quoted and block values, and double spaces alone", () => {
    expect(foldPlain(`k: ${words(7)}x`)).toBe(`k: ${words(7)}x`);
    for (const line of [
      `k: "${words(12)}"`,
      `k: |- ${words(12)}`,
      `k: '${words(12)}'`,
      `"${words(12)}"`,
    ]) {
      expect(foldPlain(line)).toBe(line);
    }
    expect(foldPlain(`k: ${"x".repeat(80)}  y z`)).toBe(`k: ${"x".repeat(80)}  y\n  z`);
  });
});

describe("naturalKeyOrder against go-yaml v2's keyList.Less", () => {
  it("orders 4,318 pairs of keys of letters, digits and punctuation as go-yaml does", () => {
    // Each pair's sign comes from go-yaml's sorter.go (keyList.Less), ported line by line in
    // test/fixtures/helm-yaml/key-order.py, which writes the file: random keys, keys that
    // share a start (a digit run continuing a shared number), letters past U+FFFF, a digit that
    // is not ASCII, runs longer than 64 bits hold.
    const { pairs } = JSON.parse(
      readFileSync(new URL("../../fixtures/helm-yaml/key-order.json", import.meta.url), "utf8"),
    ) as { pairs: Array<[string, string, number]> };
    const wrong = pairs.filter(([a, b, sign]) => Math.sign(naturalKeyOrder(a, b)) !== sign);
    expect(wrong).toEqual([]);
    expect(pairs).toHaveLength(4318);
  });
});

describe("HELM_READS_YAML", () => {
  it("reads a timestamp as the text it is, as go-yaml v2 into an interface does", () => {
    const value = parse(
      "created: 2016-10-06T16:23:20.499814565-06:00\nversion: 1.10\nflag: yes\n",
      HELM_READS_YAML,
    ) as Record<string, unknown>;
    expect(value).toEqual({
      created: "2016-10-06T16:23:20.499814565-06:00",
      version: 1.1,
      flag: true,
    });
  });
});

describe("foldPlain at column 80", () => {
  it("keeps a space at column 80 and breaks at the first single space past it", () => {
    const at80 = `k: ${"x".repeat(77)} ${"y".repeat(10)}`;
    expect(foldPlain(at80)).toBe(at80);
    const at81 = `k: ${"x".repeat(78)} ${"y".repeat(10)}`;
    expect(foldPlain(at81)).toBe(`k: ${"x".repeat(78)}\n  ${"y".repeat(10)}`);
  });
});
