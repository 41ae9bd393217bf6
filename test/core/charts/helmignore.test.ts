import { describe, expect, it } from "vitest";
import {
  DEFAULT_RULE,
  isIgnored,
  keptPaths,
  parseHelmignore,
} from "../../../src/core/charts/helmignore.js";

function rules(text: string) {
  const parsed = parseHelmignore(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rules;
}

describe("parseHelmignore", () => {
  it("reads one rule a line, trimmed, skipping blank lines and comments, Helm's default last", () => {
    const parsed = rules("#ignore\n\n\t#ignore\nfoo\nbar/*\n  baz/bar/foo.txt  \r\n\none/more\n");
    expect(parsed.map((rule) => rule.raw)).toEqual([
      "foo",
      "bar/*",
      "baz/bar/foo.txt",
      "one/more",
      DEFAULT_RULE,
    ]);
  });

  it("reads a chart without .helmignore as Helm's default rule alone", () => {
    expect(rules("").map((rule) => rule.raw)).toEqual(["templates/.?*"]);
    expect(parseHelmignore(null)).toEqual(parseHelmignore(""));
  });

  it("records negation, directory-only, anchoring and base-name matching", () => {
    const [negated, directory, anchored, structural, base] = rules(
      "!keep.txt\ncargo/\n/a.txt\ncargo/*.txt\n*.txt\n",
    );
    expect(negated).toMatchObject({ negated: true, directoryOnly: false, baseName: true });
    expect(directory).toMatchObject({ negated: false, directoryOnly: true, baseName: true });
    expect(anchored).toMatchObject({ negated: false, directoryOnly: false, baseName: false });
    expect(structural).toMatchObject({ baseName: false });
    expect(base).toMatchObject({ baseName: true });
  });

  it("refuses ** as Helm does, naming the line", () => {
    expect(parseHelmignore("# header\nfoo/**/bar\n")).toEqual({
      ok: false,
      error: ".helmignore line 2 `foo/**/bar`: Helm does not support the double-star (**) syntax",
    });
  });

  it("refuses a pattern Go cannot read, naming the line", () => {
    expect(parseHelmignore("[z-\n")).toEqual({
      ok: false,
      error: ".helmignore line 1 `[z-`: syntax error in pattern (Go's filepath.Match)",
    });
  });
});

describe("isIgnored (Helm's pkg/ignore table)", () => {
  it.each([
    ["helm.txt", "helm.txt", false, true],
    ["helm.*", "helm.txt", false, true],
    ["helm.*", "rudder.txt", false, false],
    ["*.txt", "tiller.txt", false, true],
    ["*.txt", "cargo/a.txt", false, true],
    ["cargo/*.txt", "cargo/a.txt", false, true],
    ["cargo/*.*", "cargo/a.txt", false, true],
    ["cargo/*.txt", "mast/a.txt", false, false],
    ["ru[c-e]?er.txt", "rudder.txt", false, true],
    ["templates/.?*", "templates/.dotfile", false, true],
    [".*", ".joonix", false, true],
    [".*", "helm.txt", false, false],
    ["cargo/", "cargo", true, true],
    ["cargo/", "mast", true, false],
    ["helm.txt/", "helm.txt", false, false],
    ["!helm.txt", "helm.txt", false, false],
    ["!helm.txt", "tiller.txt", false, true],
    ["!*.txt", "cargo", true, true],
    ["!cargo/", "mast", true, true],
    ["!cargo/", "cargo", true, false],
    ["!cargo/", "cargo", false, true],
    ["/a.txt", "a.txt", false, true],
    ["/a.txt", "cargo/a.txt", false, false],
    ["/cargo/a.txt", "cargo/a.txt", false, true],
    ["/*.txt", "cargo/a.txt", false, false],
  ])("%s on %s (directory: %s): %s", (pattern, path, directory, expected) => {
    expect(isIgnored(rules(pattern).slice(0, 1), path, directory)).toBe(expected);
  });

  it("lets the first rule that decides win, a negated match going on to the next", () => {
    const set = rules("!Chart.yaml\n*.yaml\n");
    // Chart.yaml matches the negation, goes on, and is ignored by *.yaml (Helm's own reading).
    expect(isIgnored(set, "Chart.yaml", false)).toBe(true);
    // Anything the negation does not match is ignored at once.
    expect(isIgnored(set, "values.yaml", false)).toBe(true);
    expect(isIgnored(rules("*.md\n!README.md\n"), "README.md", false)).toBe(true);
    expect(isIgnored(rules("*.md\n"), "values.yaml", false)).toBe(false);
  });
});

describe("keptPaths", () => {
  it("drops ignored files and everything under an ignored directory, keeping the order", () => {
    const set = rules("ci/\n*.tmp\n/docs\n.git\n");
    expect(
      keptPaths(set, [
        "Chart.yaml",
        "ci/values.yaml",
        "ci/deep/x.yaml",
        "templates/a.tmp",
        "templates/deployment.yaml",
        "templates/.hidden",
        "docs/README.md",
        "sub/docs/kept.md",
        ".git/config",
        "values.yaml",
      ]),
    ).toEqual(["Chart.yaml", "templates/deployment.yaml", "sub/docs/kept.md", "values.yaml"]);
  });

  it("skips a directory that a base-name rule names at any depth", () => {
    expect(keptPaths(rules("tests\n"), ["a/tests/x.yaml", "tests/y.yaml", "a/tests.yaml"])).toEqual(
      ["a/tests.yaml"],
    );
    expect(keptPaths(rules("tests/\n"), ["a/tests/x.yaml", "a/tests.yaml"])).toEqual([
      "a/tests.yaml",
    ]);
  });

  it("drops no file for a rule that names directories only, at the root or deeper", () => {
    expect(keptPaths(rules("build/\n"), ["build", "src/build", "build/x", "src/build/y"])).toEqual([
      "build",
      "src/build",
    ]);
  });

  it("keeps everything but dot files among the templates without a .helmignore", () => {
    expect(
      keptPaths(rules(""), [".helmignore", "templates/.keep", "templates/sub/.x", "a/.b"]),
    ).toEqual([".helmignore", "templates/sub/.x", "a/.b"]);
  });
});
