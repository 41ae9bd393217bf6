import { describe, expect, it } from "vitest";
import { capturePattern, yamlKeyAtLine } from "../../../src/core/config/init-entries.js";

describe("yamlKeyAtLine", () => {
  it("finds the dotted key of a scalar at a line with exactly the value", () => {
    const text = "a:\n  b: 1.0.0\n  c: 'v1.0.0'\n  d: x-1.0.0\nlist:\n  - 1.0.0\n";
    expect(yamlKeyAtLine(text, 2, "1.0.0")).toEqual(["a", "b"]);
    expect(yamlKeyAtLine(text, 3, "v1.0.0")).toEqual(["a", "c"]);
    expect(yamlKeyAtLine(text, 4, "1.0.0")).toBeNull();
    expect(yamlKeyAtLine(text, 6, "1.0.0")).toBeNull();
    expect(yamlKeyAtLine("a: [", 1, "a")).toBeNull();
    expect(yamlKeyAtLine("? [a]\n: 1.0.0\n", 2, "1.0.0")).toBeNull();
  });

  it("compares the value as written, not as YAML reads it", () => {
    // YAML reads `1.10` as the number 1.1; the file says 1.10.
    expect(yamlKeyAtLine("chart:\n  version: 1.10\n", 2, "1.10")).toEqual(["chart", "version"]);
  });

  it("reads past a key without a value and a key written twice elsewhere", () => {
    expect(yamlKeyAtLine("? enabled\nversion: 1.0.0\n", 2, "1.0.0")).toEqual(["version"]);
    expect(yamlKeyAtLine("name: a\nname: b\nversion: 1.0.0\n", 3, "1.0.0")).toEqual(["version"]);
  });

  it("is null for a file that is not valid YAML, even where a key looks found", () => {
    expect(yamlKeyAtLine("version: 1.0.0\nimages: [\n", 1, "1.0.0")).toBeNull();
  });
});

describe("capturePattern", () => {
  const formats = { tag: "v{version}", image: "{version}" };
  it("anchors the text before the version and captures what the format writes", () => {
    expect(capturePattern('  VERSION = "v1.2.0"', "v1.2.0", "{tag}", formats)).toBe(
      '^  VERSION = "(v\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)',
    );
    expect(
      capturePattern("x: release-1.2.0", "release-1.2.0", "{tag}", {
        ...formats,
        tag: "release-{version}",
      }),
    ).toBe("^x: (release-\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)");
    expect(
      capturePattern("img v1.2.0", "v1.2.0", "{image}", { tag: "v{version}", image: "{tag}" }),
    ).toContain("(v\\d+");
    expect(capturePattern("a (1.2.0)", "1.2.0", "{version}", formats)).toBe(
      "^a \\((\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)",
    );
  });

  it("captures a version that opens its line", () => {
    expect(capturePattern("1.2.0 is the release", "1.2.0", "{version}", formats)).toBe(
      "^(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)",
    );
  });

  it("is null when the line lacks the version, the format does not write it, or the pattern would capture more", () => {
    expect(capturePattern("nothing", "1.2.0", "{version}", formats)).toBeNull();
    expect(capturePattern("app 1.2.0", "1.2.0", "{tag}", formats)).toBeNull();
    expect(capturePattern("v 1.2.0-rc.0.x", "1.2.0-rc.0", "{version}", formats)).toBeNull();
  });
});
