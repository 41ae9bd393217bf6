import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../../src/config.js";
import { renderInitConfiguration } from "../../../src/core/config/init-yaml.js";

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
    expect(parseConfig(parse(text)).ok).toBe(true);
  });

  it("keeps a long pattern on one line", () => {
    const pattern =
      "^helm install spark-operator spark-operator/spark-operator --namespace spark-operator --version (\\d+\\.\\d+\\.\\d+)";
    const text = renderInitConfiguration(
      { files: [{ path: "README.md", pattern, format: "{version}" }] },
      [],
      ["Written by init."],
    );
    expect(text.split("\n")).toContain(`    pattern: ${pattern}`);
    expect(parse(text).files[0].pattern).toBe(pattern);
  });

  it("puts the comment above the eleventh entry of a list too", () => {
    const files = Array.from({ length: 11 }, (_, i) => ({
      path: `f${i}.txt`,
      pattern: "^v(\\d+)",
      format: "{version}",
    }));
    const text = renderInitConfiguration({ files }, [{ key: "files[10]", why: "f10.txt:1" }], []);
    expect(text).toContain("  # f10.txt:1\n  - path: f10.txt\n");
    expect(text.match(/#/g)).toHaveLength(1);
  });

  it("comments a plain list item and a key inside a list entry", () => {
    const text = renderInitConfiguration(
      {
        charts: { paths: ["charts/op/Chart.yaml", "deploy/chart/Chart.yaml"] },
        values: [{ path: "values.yaml", key: "image.tag", format: "{tag}" }],
      },
      [
        { key: "charts.paths[1]", why: "Kueue keeps its chart in deploy/" },
        { key: "values[0].key", why: "the operator's tag" },
      ],
      [],
    );
    expect(text).toBe(`charts:
  paths:
    - charts/op/Chart.yaml
    # Kueue keeps its chart in deploy/
    - deploy/chart/Chart.yaml
values:
  - path: values.yaml
    # the operator's tag
    key: image.tag
    format: "{tag}"
`);
  });

  it("drops a note whose entry or key is not in the file", () => {
    const text = renderInitConfiguration(
      { charts: { paths: ["charts/**/Chart.yaml"] }, files: [] },
      [
        { key: "files[3]", why: "no such entry" },
        { key: "charts.readmeBadges", why: "no such key" },
      ],
      [],
    );
    expect(text).toBe("charts:\n  paths:\n    - charts/**/Chart.yaml\nfiles: []\n");
  });
});
