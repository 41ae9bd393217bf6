import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config.js";
import { capturePattern, yamlKeyAtLine } from "../../../src/core/config/init-entries.js";
import { planConfiguration } from "../../../src/core/config/init-plan.js";
import { bareVersion, findRelease, formatOf } from "../../../src/core/config/init-release.js";
import { renderInitConfiguration } from "../../../src/core/config/init-yaml.js";

function view(files: Record<string, string>, tags: string[] = [], extra: string[] = []) {
  return { files: new Map(Object.entries(files)), paths: [...Object.keys(files), ...extra], tags };
}

const CHART = (version: string, appVersion?: string) =>
  `apiVersion: v2\nname: op\nversion: ${version}\n${appVersion === undefined ? "" : `appVersion: ${appVersion}\n`}`;

describe("findRelease", () => {
  it("takes the version most places spell, VERSION winning a tie", () => {
    const found = findRelease(
      view(
        {
          VERSION: "v1.2.0\n",
          "charts/op/Chart.yaml": CHART("1.1.0", "1.1.0"),
          "charts/other/Chart.yaml": CHART("0.3.0"),
        },
        ["v1.2.0", "v1.0.0", "latest"],
      ),
    );
    expect(found).toEqual({
      version: "1.2.0",
      sources: ["VERSION `v1.2.0`", "the newest tag `v1.2.0`"],
      charts: [],
      otherCharts: [
        { path: "charts/op/Chart.yaml", version: "1.1.0", appVersion: "1.1.0" },
        { path: "charts/other/Chart.yaml", version: "0.3.0" },
      ],
      versionFile: "v1.2.0",
    });
  });

  it("prefers the charts over the newest tag, and leaves a vendored subchart out", () => {
    const found = findRelease(
      view(
        {
          "charts/op/Chart.yaml": CHART("2.0.0", '"v2.0.0"'),
          "charts/op/charts/redis/Chart.yaml": CHART("2.0.0"),
        },
        ["v2.1.0"],
      ),
    );
    expect(found?.version).toBe("2.0.0");
    expect(found?.charts.map((c) => c.path)).toEqual(["charts/op/Chart.yaml"]);
    expect(found?.sources).toEqual([
      "charts/op/Chart.yaml version `2.0.0`",
      "charts/op/Chart.yaml appVersion `v2.0.0`",
    ]);
    expect(found?.versionFile).toBeNull();
  });

  it("is null when nothing spells a SemVer version", () => {
    expect(
      findRelease(view({ VERSION: "latest\n", "README.md": "1.0.0" }, ["nightly"])),
    ).toBeNull();
  });
});

describe("bareVersion and formatOf", () => {
  it("reads the SemVer a value spells, with or without v", () => {
    expect(bareVersion(" v1.2.3-rc.0\n")).toBe("1.2.3-rc.0");
    expect(bareVersion("1.2")).toBeNull();
    expect(bareVersion("1.2.3 ")).toBe("1.2.3");
    expect(bareVersion(undefined)).toBeNull();
    expect(formatOf("v1.2.3", "1.2.3")).toBe("v{version}");
    expect(formatOf(" 1.2.3", "1.2.3")).toBe("{version}");
    expect(formatOf("1.2.4", "1.2.3")).toBe(false);
    expect(formatOf(undefined, "1.2.3")).toBe(false);
  });
});

describe("planConfiguration", () => {
  it("manages the charts, VERSION and every other place, each with why", () => {
    const plan = planConfiguration(
      view({
        VERSION: "v1.2.0-rc.0\n",
        "charts/op/Chart.yaml": CHART("1.2.0-rc.0", "1.2.0-rc.0"),
        "charts/op/values.yaml": "image:\n  repository: x/op\n  tag: ''\n",
        "config/kustomization.yaml": "images:\n- name: x/op\n  newTag: v1.2.0-rc.0\n",
        "deploy/values-prod.yaml": "op:\n  version: 1.2.0-rc.0\n",
        "deploy/list.yaml": "- tag: 1.2.0-rc.0\n",
        "api/__init__.py": '__version__ = "1.2.0rc0"\n',
        "README.md":
          "![Version: 1.2.0-rc.0](https://img.shields.io/badge/Version-1.2.0--rc.0-blue)\n",
        "docs/a.md": "pull x/op:v1.1.0 or say v1.2.0-rc.0 twice v1.2.0-rc.0\n",
      }),
      parseConfig,
    );
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.raw).toEqual({
      charts: { paths: ["charts/**/Chart.yaml"], version: "{image}", appVersion: "{image}" },
      versionFile: { path: "VERSION", format: "{tag}" },
      files: [
        { path: "README.md", pattern: expect.any(String), format: "{version}" },
        {
          path: "api/__init__.py",
          pattern: '^__version__ = "(\\d+\\.\\d+\\.\\d+(?:(?:a|b|rc)\\d+|\\.dev\\d+)?)',
          format: "{pep440}",
        },
        {
          path: "deploy/list.yaml",
          pattern: "^- tag: (\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)",
          format: "{version}",
        },
        {
          path: "docs/a.md",
          pattern:
            "^pull x/op:v1\\.1\\.0 or say (v\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)",
          format: "{tag}",
        },
      ],
      kustomize: [{ path: "config/kustomization.yaml", image: "x/op", format: "{tag}" }],
      values: [{ path: "deploy/values-prod.yaml", key: "op.version", format: "{version}" }],
    });
    expect(plan.notes.map((n) => `${n.key} ${n.why}`)).toEqual([
      "charts charts/op/Chart.yaml: version `1.2.0-rc.0`, appVersion `1.2.0-rc.0`",
      "versionFile VERSION: `v1.2.0-rc.0`",
      "files[0] README.md:1: helm-docs badge `1.2.0-rc.0`",
      "files[1] api/__init__.py:1: Python package version `1.2.0rc0`",
      "kustomize[0] config/kustomization.yaml:3: newTag `v1.2.0-rc.0` of x/op",
      "files[2] deploy/list.yaml:1: other `1.2.0-rc.0`",
      "values[0] deploy/values-prod.yaml:2: `op.version` is other `1.2.0-rc.0`",
      "files[3] docs/a.md:1: other `v1.2.0-rc.0`",
    ]);
    // The badge's URL and a second version on one line are for a person.
    expect(plan.leftAlone).toEqual([
      "README.md:1: `1.2.0--rc.0` is still there after the entry made for this line (a second version on one line); set it by hand",
      "docs/a.md:1: `v1.2.0-rc.0` is still there after the entry made for this line (a second version on one line); set it by hand",
    ]);
  });

  it("spells KServe's and Kueue's formats, and keeps a VERSION of something else", () => {
    const kserve = planConfiguration(
      view({ "charts/a/Chart.yaml": CHART("v0.2.0", "v0.2.0"), VERSION: "7\n" }, ["v0.2.0"]),
      parseConfig,
    );
    expect(kserve.ok && kserve.raw).toEqual({
      image: { tag: "{tag}" },
      charts: { paths: ["charts/**/Chart.yaml"], version: "{image}", appVersion: "{image}" },
      versionFile: false,
    });
    const kueue = planConfiguration(
      view({
        "deploy/chart/Chart.yaml": CHART("0.3.1", '"v0.3.1"'),
        "charts/x/Chart.yaml": CHART("9.9.9"),
      }),
      parseConfig,
    );
    expect(kueue.ok && kueue.raw).toEqual({
      image: { tag: "{tag}" },
      charts: { paths: ["deploy/chart/Chart.yaml"], version: "{version}", appVersion: "{image}" },
    });
    const plain = planConfiguration(view({ VERSION: "0.3.1\n" }, ["0.3.1"]), parseConfig);
    expect(plain.ok && plain.raw).toEqual({
      tags: { format: "{version}" },
      charts: { paths: [], version: false, appVersion: false },
      versionFile: { path: "VERSION", format: "{version}" },
    });
  });

  it("leaves alone a spelling no format writes, and says why", () => {
    const plan = planConfiguration(
      view({ VERSION: "v1.0.0-rc.0\n", "docs/x.md": "see the 1.0.0--rc.0 badge\n" }),
      parseConfig,
    );
    expect(plan.ok && plan.leftAlone).toEqual([
      "docs/x.md:1: other `1.0.0--rc.0` is spelled in no format the bot writes (a badge of an unmanaged chart, say)",
    ]);
  });

  it("fails without a release version, or when its own configuration cannot release", () => {
    expect(planConfiguration(view({ "README.md": "hi" }), parseConfig)).toEqual({
      ok: false,
      error:
        "found no release version: no Chart.yaml `version`/`appVersion`, root VERSION file or tag is a SemVer version",
    });
    // A key the edit refuses (twice in its mapping) is matched by a pattern instead.
    const duplicate = planConfiguration(
      view({ VERSION: "v1.0.0\n", "x.yaml": "a: 1.0.0\na: 1.0.0\n" }),
      parseConfig,
    );
    expect(duplicate.ok && duplicate.raw.files).toEqual([
      { path: "x.yaml", pattern: expect.stringMatching(/^\^a: \(/), format: "{version}" },
    ]);
    const invalid = planConfiguration(view({ VERSION: "v1.0.0\n" }), () => ({
      ok: false,
      error: "no",
    }));
    expect(invalid).toEqual({ ok: false, error: "no" });
  });
});

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

  it("is null when the line lacks the version or the pattern would capture more", () => {
    expect(capturePattern("nothing", "1.2.0", "{version}", formats)).toBeNull();
    expect(capturePattern("v 1.2.0-rc.0.x", "1.2.0-rc.0", "{version}", formats)).toBeNull();
  });
});

describe("renderInitConfiguration", () => {
  it("writes the keys with a comment above each entry, valid against the schema", () => {
    const raw = {
      charts: { paths: ["charts/**/Chart.yaml"], dependencies: true },
      kustomize: [{ path: "k.yaml", image: "x/op", format: "{tag}" }],
      files: [{ path: "a.py", pattern: '^__version__ = "(\\d+)', format: "{pep440}" }],
    };
    const text = renderInitConfiguration(
      raw,
      [
        { key: "charts", why: "charts/a/Chart.yaml: version `1`" },
        { key: "charts", why: "charts/b/Chart.yaml: version `1`" },
        { key: "charts.dependencies", why: "a local dependency" },
        { key: "kustomize[0]", why: "k.yaml:3: newTag" },
        { key: "files[0]", why: "a.py:1: __version__" },
        { key: "nowhere.at.all", why: "skipped" },
      ],
      ["Written by init.", "Second."],
    );
    expect(text).toBe(`# Written by init.
# Second.

# charts/a/Chart.yaml: version \`1\`
# charts/b/Chart.yaml: version \`1\`
charts:
  paths:
    - charts/**/Chart.yaml
  # a local dependency
  dependencies: true
kustomize:
  # k.yaml:3: newTag
  - path: k.yaml
    image: x/op
    format: "{tag}"
files:
  # a.py:1: __version__
  - path: a.py
    pattern: ^__version__ = "(\\d+)
    format: "{pep440}"
`);
    const parsed = parseConfig((require("yaml") as typeof import("yaml")).parse(text));
    expect(parsed.ok).toBe(true);
  });
});
