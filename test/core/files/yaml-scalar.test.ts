import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readYamlString, setYamlScalar } from "../../../src/core/files/yaml-scalar.js";

/** Asserts an edit succeeded and returns the new text. */
function edited(text: string, keyPath: string[], value: string): string {
  const result = setYamlScalar(text, keyPath, value);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

function errorOf(text: string, keyPath: string[], value = "1.5.0", file?: string): string {
  const result = setYamlScalar(text, keyPath, value, file);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.text)}`);
  return result.error;
}

/** The code of a refused edit, which callers such as the Chart.yaml edit word their own message by. */
function codeOf(text: string, keyPath: string[]): string {
  const result = setYamlScalar(text, keyPath, "1.5.0");
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.text)}`);
  return result.code;
}

describe("setYamlScalar", () => {
  describe("changes only the bytes of the value", () => {
    it.each<[string, string, string[], string, string]>([
      ["a plain value", "version: 1.0.0\n", ["version"], "2.0.0", "version: 2.0.0\n"],
      [
        "a double-quoted value",
        'appVersion: "v1.0.0"\n',
        ["appVersion"],
        "v2.0.0",
        'appVersion: "v2.0.0"\n',
      ],
      ["a single-quoted value", "tag: 'v1.0.0'\n", ["tag"], "v2.0.0", "tag: 'v2.0.0'\n"],
      [
        "a trailing comment",
        "version: 1.0.0 # keep\n",
        ["version"],
        "2.0.0",
        "version: 2.0.0 # keep\n",
      ],
      [
        "odd spacing",
        "version:    1.0.0    #  keep  \n",
        ["version"],
        "2.0.0",
        "version:    2.0.0    #  keep  \n",
      ],
      [
        "CRLF line endings",
        "a: 1\r\nversion: 1.0.0\r\nb: 2\r\n",
        ["version"],
        "2.0.0",
        "a: 1\r\nversion: 2.0.0\r\nb: 2\r\n",
      ],
      ["a BOM", "\uFEFFversion: 1.0.0\n", ["version"], "2.0.0", "\uFEFFversion: 2.0.0\n"],
      [
        "no final newline",
        "name: x\nversion: 1.0.0",
        ["version"],
        "2.0.0",
        "name: x\nversion: 2.0.0",
      ],
      [
        "an explicit !!str tag",
        "version: !!str 1.0.0\n",
        ["version"],
        "2.0.0",
        "version: !!str 2.0.0\n",
      ],
      [
        "a flow mapping",
        "image: {repo: x, tag: 1.0.0}\n",
        ["image", "tag"],
        "2.0.0",
        "image: {repo: x, tag: 2.0.0}\n",
      ],
      [
        "a document start marker",
        "---\nversion: 1.0.0\n",
        ["version"],
        "2.0.0",
        "---\nversion: 2.0.0\n",
      ],
      ["a quoted key", '"version": 1.0.0\n', ["version"], "2.0.0", '"version": 2.0.0\n'],
    ])("%s", (_name, before, keyPath, value, after) => {
      expect(edited(before, keyPath, value)).toBe(after);
    });

    it("edits a nested key and leaves the same key elsewhere alone", () => {
      const text = [
        "# values",
        "image:",
        "  # -- Image tag.",
        '  tag: ""',
        "",
        "hook:",
        "  image:",
        '    tag: ""',
        "",
      ].join("\n");
      expect(edited(text, ["image", "tag"], "2.5.0")).toBe(
        text.replace('  tag: ""', '  tag: "2.5.0"'),
      );
      expect(edited(text, ["hook", "image", "tag"], "2.5.0")).toBe(
        text.replace('    tag: ""', '    tag: "2.5.0"'),
      );
    });

    it("fills an empty value, keeping a space after the colon and before a comment", () => {
      expect(edited("tag:\nx: 1\n", ["tag"], "1.5.0")).toBe("tag: 1.5.0\nx: 1\n");
      expect(edited("tag:", ["tag"], "1.5.0")).toBe("tag: 1.5.0");
      expect(edited("tag: # set at release\n", ["tag"], "1.5.0")).toBe(
        "tag: 1.5.0 # set at release\n",
      );
      expect(edited("tag:   \n", ["tag"], "1.5.0")).toBe("tag:   1.5.0\n");
      expect(edited("tag: ~\n", ["tag"], "1.5.0")).toBe("tag: 1.5.0\n");
      expect(edited("{tag:}\n", ["tag"], "1.5.0")).toBe("{tag: 1.5.0}\n");
    });

    it("adds no space to a value written right after the colon", () => {
      expect(edited('{"tag":"1.0"}\n', ["tag"], "1.5.0")).toBe('{"tag":"1.5.0"}\n');
      expect(edited('{"tag":1.0}\n', ["tag"], "1.5.0")).toBe('{"tag":1.5.0}\n');
    });
  });

  describe("quoting", () => {
    it.each([
      ["1.0", "a number"],
      ["1", "an integer"],
      ["yes", "a YAML 1.1 boolean (Helm's go-yaml)"],
      ["on", "a YAML 1.1 boolean"],
      ["true", "a boolean"],
      ["null", "null"],
      ["0777", "a YAML 1.1 octal"],
      ["1_000", "a YAML 1.1 integer"],
      ["", "an empty string"],
      ["a: b", "a mapping indicator"],
      ["x #y", "a comment indicator"],
      ["-1", "a leading dash"],
      ["*x", "an alias indicator"],
      ["a,b", "a flow indicator"],
      [" x", "leading space"],
      ["x ", "trailing space"],
      ["\u00a0x", "a leading no-break space, blank to a reader"],
      ["?x", "a leading mapping-key indicator"],
      ["a\tb", "a tab"],
    ])("double-quotes a plain value when %j would read as %s", (value) => {
      const text = edited("tag: main\n", ["tag"], value);
      expect(text).toBe(`tag: ${JSON.stringify(value)}\n`);
      expect(parse(text)).toEqual({ tag: value });
    });

    it.each([
      "1.5.0",
      "v1.5.0-rc.0",
      "2.5.0-rc.0+build.7",
      "latest",
      "sha-abc123",
      "1.5.0_ubi",
      "sha256:abc123",
      "v1#2",
      "release 1.5",
    ])("keeps %j plain", (value) => {
      expect(edited("tag: main\n", ["tag"], value)).toBe(`tag: ${value}\n`);
    });

    it("escapes what the quoting style needs", () => {
      expect(edited("tag: 'x'\n", ["tag"], "it's")).toBe("tag: 'it''s'\n");
      expect(edited('tag: "x"\n', ["tag"], 'say "hi" \\')).toBe('tag: "say \\"hi\\" \\\\"\n');
      expect(parse(edited("tag: 'x'\n", ["tag"], "a\tb"))).toEqual({ tag: "a\tb" });
      expect(edited('tag: "x"\n', ["tag"], "a\u2028b\u0085")).toBe('tag: "a\\u2028b\\u0085"\n');
    });
  });

  describe("idempotence and previous", () => {
    it("reports a change with the new text and the old value", () => {
      expect(setYamlScalar("v: 1.0.0 # pinned\n", ["v"], "1.5.0")).toEqual({
        ok: true,
        text: "v: 1.5.0 # pinned\n",
        changed: true,
        previous: "1.0.0",
      });
    });

    it("reports no change when the value is already set, in any quoting", () => {
      for (const text of ["v: 1.5.0\n", "v: '1.5.0'\n", 'v: "1.5.0"\n']) {
        expect(setYamlScalar(text, ["v"], "1.5.0")).toEqual({
          ok: true,
          text,
          changed: false,
          previous: "1.5.0",
        });
      }
    });

    it("quotes a plain number once, then leaves it", () => {
      const once = edited("tag: 1.0\n", ["tag"], "1.0");
      expect(once).toBe('tag: "1.0"\n');
      expect(setYamlScalar(once, ["tag"], "1.0")).toMatchObject({ ok: true, changed: false });
    });

    it("gives the old value as written", () => {
      expect(setYamlScalar("v: 1.0\n", ["v"], "2.0.0")).toMatchObject({ previous: "1.0" });
      expect(setYamlScalar('v: "v0.19.2"\n', ["v"], "v0.20.0")).toMatchObject({
        previous: "v0.19.2",
      });
      expect(setYamlScalar("v:\n", ["v"], "1.0.0")).toMatchObject({ previous: "" });
      expect(setYamlScalar('v: "a\\tb"\n', ["v"], "1.0.0")).toMatchObject({ previous: "a\tb" });
    });
  });

  describe("errors", () => {
    it("invalid YAML, with its line", () => {
      expect(errorOf("a: 1\nb: [1, 2\nc: 3\n", ["a"])).toMatch(
        /^The document is not valid YAML at line \d+, column \d+: .+\.$/,
      );
      expect(errorOf("a: 1\nb: 2\nc: d: e\n", ["a"], "1", "values.yaml")).toMatch(
        /^values\.yaml is not valid YAML at line 3, column \d+: /,
      );
      expect(errorOf(`${"\n".repeat(12)}x: 1\nlongkey: d: e\n`, ["x"])).toBe(
        "The document is not valid YAML at line 14, column 10: Nested mappings are not allowed in compact mappings.",
      );
      expect(codeOf("a: [\n", ["a"])).toBe("invalid-yaml");
    });

    it("more than one document", () => {
      expect(errorOf("a: 1\n---\na: 2\n", ["a"])).toBe(
        "The document holds 2 YAML documents; only a file with one document can be edited.",
      );
      expect(codeOf("a: 1\n---\na: 2\n", ["a"])).toBe("multiple-documents");
    });

    it("a missing key, naming its full path", () => {
      expect(
        errorOf("image:\n  repository: x\n", ["image", "tag"], "1", "charts/x/values.yaml"),
      ).toBe("charts/x/values.yaml has no `image.tag` key.");
      expect(errorOf("", ["version"])).toBe("The document has no `version` key.");
      expect(errorOf("# only a comment\n", ["version"])).toBe("The document has no `version` key.");
      expect(codeOf("", ["version"])).toBe("missing-key");
      expect(codeOf("image:\n  repository: x\n", ["image", "tag"])).toBe("missing-key");
    });

    it("a list item past the end, or an index into a mapping", () => {
      const list = "dependencies:\n  - version: 1\n";
      expect(setYamlScalar(list, ["dependencies", 1, "version"], "2", "Chart.yaml")).toEqual({
        ok: false,
        code: "missing-key",
        error: "Chart.yaml has no `dependencies.1.version` key.",
      });
      const map = "dependencies:\n  version: 1\n";
      expect(setYamlScalar(map, ["dependencies", 0, "version"], "2", "Chart.yaml")).toEqual({
        ok: false,
        code: "missing-key",
        error: "Chart.yaml has no `dependencies.0.version` key.",
      });
    });

    it("a parent that is not a mapping", () => {
      expect(errorOf("image: x:1.0\n", ["image", "tag"])).toBe(
        "`image` in the document is not a mapping, so it has no `image.tag` key.",
      );
      expect(errorOf("- a\n", ["version"])).toBe(
        "The document is not a YAML mapping, so it has no `version` key.",
      );
      expect(errorOf("a:\n  b: x\n", ["a", "b", "c"])).toBe(
        "`a.b` in the document is not a mapping, so it has no `a.b.c` key.",
      );
      expect(codeOf("- a\n", ["version"])).toBe("not-a-mapping");
    });

    it("a value that is a mapping or a list", () => {
      expect(errorOf("image:\n  tag: 1\n", ["image"])).toBe(
        "`image` in the document is a mapping, not a single value.",
      );
      expect(errorOf("tags: [a, b]\n", ["tags"])).toBe(
        "`tags` in the document is a list, not a single value.",
      );
      expect(errorOf("? tag\n", ["tag"])).toBe("`tag` in the document is not a single value.");
      expect(codeOf("tags: [a, b]\n", ["tags"])).toBe("not-a-scalar");
      expect(codeOf("? tag\n", ["tag"])).toBe("not-a-scalar");
    });

    it("a duplicate key on the path", () => {
      expect(errorOf("version: 1.0.0\nversion: 1.0.1\n", ["version"])).toBe(
        "The document has the key `version` 2 times; keep one.",
      );
      expect(errorOf("image:\n  tag: a\nimage:\n  tag: b\n", ["image", "tag"])).toMatch(
        /the key `image` 2 times/,
      );
      expect(errorOf("image:\n  tag: a\n  tag: b\n", ["image", "tag"])).toBe(
        "The document has the key `image.tag` 2 times; keep one.",
      );
      expect(codeOf("v: 1\nv: 2\n", ["v"])).toBe("duplicate-key");
      // A duplicate elsewhere is none of our business.
      expect(edited("other: 1\nother: 2\nversion: 1.0.0\n", ["version"], "2.0.0")).toBe(
        "other: 1\nother: 2\nversion: 2.0.0\n",
      );
    });

    it("an alias or an anchored value", () => {
      const text = "base: &v 1.0.0\nversion: *v\n";
      expect(errorOf(text, ["version"])).toBe(
        "`version` in the document is an alias (*v); edit the anchored value instead.",
      );
      expect(errorOf(text, ["base"])).toMatch(
        /^`base` in the document carries the anchor &v, so changing it would change every \*v too/,
      );
      expect(errorOf("base: &b\n  tag: 1\nimage: *b\n", ["image", "tag"])).toBe(
        "`image` in the document is an alias (*b); edit the anchored value instead.",
      );
      expect(codeOf(text, ["version"])).toBe("alias");
      expect(codeOf(text, ["base"])).toBe("alias");
      expect(codeOf("base: &b\n  tag: 1\nimage: *b\n", ["image", "tag"])).toBe("alias");
    });

    it("a block scalar or a non-string tag", () => {
      expect(errorOf("version: |\n  1.0.0\n", ["version"])).toMatch(/is a block scalar/);
      expect(errorOf("version: >\n  1.0.0\n", ["version"])).toBe(
        "`version` in the document is a block scalar (| or >); write it on one line.",
      );
      expect(errorOf("version: !!int 1\n", ["version"])).toMatch(/carries the tag/);
      expect(codeOf("version: |\n  1.0.0\n", ["version"])).toBe("block-scalar");
      expect(codeOf("version: !!int 1\n", ["version"])).toBe("not-a-scalar");
    });

    it("never returns a partial edit", () => {
      const result = setYamlScalar("a: [\n", ["a"], "1");
      expect(result.ok).toBe(false);
      expect(result).not.toHaveProperty("text");
    });
  });
});

describe("readYamlString", () => {
  it("reads a value as written, or undefined", () => {
    expect(readYamlString('a:\n  b: "v1"\n', ["a", "b"])).toBe("v1");
    expect(readYamlString("a: 1.0\n", ["a"])).toBe("1.0");
    expect(readYamlString("a: 1.0\n", ["b"])).toBeUndefined();
    expect(readYamlString("a: [\n", ["a"])).toBeUndefined();
    expect(readYamlString('a: "x\\ty"\n', ["a"])).toBe("x\ty");
    expect(readYamlString("a: 'it''s'\n", ["a"])).toBe("it's");
  });
});
