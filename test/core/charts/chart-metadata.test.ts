import { describe, expect, it } from "vitest";
import {
  helmChartYaml,
  isChartVersion,
  readChartMetadata,
  sanitize,
} from "../../../src/core/charts/chart-metadata.js";

function read(text: string) {
  const result = readChartMetadata(text);
  if (!result.ok) throw new Error(result.error);
  return result.metadata;
}

const FULL = `# A comment Helm drops
apiVersion: v2
name: operator
version: 1.5.0-rc.0
appVersion: "1.5.0-rc.0"
kubeVersion: ">=1.27.0-0"
description: |
  A chart
  over two lines.
type: application
home: https://example.com
icon: https://example.com/icon.svg
sources:
  - https://github.com/kubeflow/operator
keywords: [operator, batch]
maintainers:
  - name: Ada
    email: ada@example.com
  - name: Grace
    url: https://example.com/grace
deprecated: false
condition: operator.enabled
tags: batch
annotations:
  artifacthub.io/license: Apache-2.0
  category: "1"
dependencies:
  - name: redis
    version: 17.x.x
    repository: https://charts.bitnami.com/bitnami
    condition: redis.enabled
    tags: [cache]
    enabled: true
    import-values: [data]
    alias: cache
  - name: local
    repository: ""
unknownKey: dropped
`;

describe("readChartMetadata", () => {
  it("keeps Helm's fields only, white space of their text made single spaces", () => {
    expect(read(FULL)).toEqual({
      apiVersion: "v2",
      name: "operator",
      version: "1.5.0-rc.0",
      appVersion: "1.5.0-rc.0",
      kubeVersion: ">=1.27.0-0",
      description: "A chart over two lines. ",
      type: "application",
      home: "https://example.com",
      icon: "https://example.com/icon.svg",
      sources: ["https://github.com/kubeflow/operator"],
      keywords: ["operator", "batch"],
      maintainers: [
        { name: "Ada", email: "ada@example.com" },
        { name: "Grace", url: "https://example.com/grace" },
      ],
      condition: "operator.enabled",
      tags: "batch",
      annotations: { "artifacthub.io/license": "Apache-2.0", category: "1" },
      dependencies: [
        {
          name: "redis",
          version: "17.x.x",
          repository: "https://charts.bitnami.com/bitnami",
          condition: "redis.enabled",
          tags: ["cache"],
          enabled: true,
          "import-values": ["data"],
          alias: "cache",
        },
        { name: "local", repository: "" },
      ],
    });
  });

  it("reads YAML 1.1 as Helm's go-yaml does: numbers become their text, timestamps stay text", () => {
    const metadata = read(
      "apiVersion: v2\nname: x\nversion: 1.0.0\nappVersion: 1.10\ndescription: 2024-01-01\ndeprecated: yes\nannotations:\n  count: 3\n",
    );
    expect(metadata.appVersion).toBe("1.1");
    expect(metadata.description).toBe("2024-01-01");
    expect(metadata.deprecated).toBe(true);
    expect(metadata.annotations).toEqual({ count: "3" });
  });

  it("reads a chart without apiVersion as v1 and leaves its dependencies out of Chart.yaml", () => {
    const metadata = read("name: old\nversion: 0.1.0\ndependencies:\n- name: a\n  repository: r\n");
    expect(metadata.apiVersion).toBe("v1");
    expect(helmChartYaml(metadata)).toBe("apiVersion: v1\nname: old\nversion: 0.1.0\n");
  });

  it("omits empty text, empty lists and false flags, as Helm's omitempty does", () => {
    expect(
      read(
        "apiVersion: v2\nname: x\nversion: 1.0.0\nicon: ''\nkeywords: []\ndeprecated: false\nhome: ~\n",
      ),
    ).toEqual({ apiVersion: "v2", name: "x", version: "1.0.0" });
  });

  it.each([
    ["apiVersion: v2\nversion: 1.0.0\n", "chart.metadata.name is required"],
    ["apiVersion: v2\nname: a/b\nversion: 1.0.0\n", 'chart.metadata.name "a/b" is invalid'],
    ["apiVersion: v2\nname: ..\nversion: 1.0.0\n", 'chart.metadata.name ".." is invalid'],
    ["apiVersion: v2\nname: x\n", "chart.metadata.version is required"],
    ["apiVersion: v2\nname: x\nversion: one\n", 'chart.metadata.version "one" is invalid'],
    [
      "apiVersion: v2\nname: x\nversion: 1.0.0\ntype: plugin\n",
      "chart.metadata.type must be application or library",
    ],
    [
      "apiVersion: v2\nname: x\nversion: 1.0.0\ndeprecated: maybe\n",
      "deprecated must be true or false",
    ],
    ["apiVersion: v2\nname: x\nversion: 1.0.0\nkeywords: batch\n", "keywords must be a list"],
    ["apiVersion: v2\nname: [x]\nversion: 1.0.0\n", "name must be a string"],
    [
      "apiVersion: v2\nname: x\nversion: 1.0.0\nannotations: [a]\n",
      "annotations must be a mapping of strings",
    ],
    [
      "apiVersion: v2\nname: x\nversion: 1.0.0\nmaintainers: [ada]\n",
      "maintainers[0] must be a mapping",
    ],
    [
      "apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- tags: a\n",
      "dependencies[0].tags must be a list",
    ],
    ["- a\n", "Chart.yaml is not a YAML mapping"],
    [
      "apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- {name: db, alias: my db}\n",
      'dependency "db" has disallowed characters in the alias',
    ],
    [
      "apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- {name: db}\n- {name: cache, alias: db}\n",
      'more than one dependency with name or alias "db"',
    ],
    ["just text\n", "Chart.yaml is not a YAML mapping"],
    ["apiVersion: v2\nname: x\nversion: 1.0.0\nmaintainers: ada\n", "maintainers must be a list"],
    ["apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies: d\n", "dependencies must be a list"],
    [
      "apiVersion: v2\nname: x\nversion: 1.0.0\nannotations: text\n",
      "annotations must be a mapping of strings",
    ],
    ["", "Chart.yaml is not a YAML mapping"],
  ])("refuses %j: %s", (text, error) => {
    expect(readChartMetadata(text)).toEqual({ ok: false, error });
  });

  it("refuses a Chart.yaml that is not YAML, saying so", () => {
    const result = readChartMetadata("name: [x\n");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Chart\.yaml is not valid YAML: /);
  });

  it("types chart type library and the types Helm allows", () => {
    expect(read("apiVersion: v2\nname: x\nversion: 1.0.0\ntype: library\n").type).toBe("library");
  });
});

describe("helmChartYaml", () => {
  it("writes the metadata as Helm does: sorted keys, sequences flush, strings quoted when YAML would misread them", () => {
    expect(helmChartYaml(read(FULL))).toBe(`annotations:
  artifacthub.io/license: Apache-2.0
  category: "1"
apiVersion: v2
appVersion: 1.5.0-rc.0
condition: operator.enabled
dependencies:
- alias: cache
  condition: redis.enabled
  enabled: true
  import-values:
  - data
  name: redis
  repository: https://charts.bitnami.com/bitnami
  tags:
  - cache
  version: 17.x.x
- name: local
  repository: ""
description: "A chart over two lines. "
home: https://example.com
icon: https://example.com/icon.svg
keywords:
- operator
- batch
kubeVersion: ">=1.27.0-0"
maintainers:
- email: ada@example.com
  name: Ada
- name: Grace
  url: https://example.com/grace
name: operator
sources:
- https://github.com/kubeflow/operator
tags: batch
type: application
version: 1.5.0-rc.0
`);
  });
});

describe("isChartVersion (Masterminds/semver, as Helm checks)", () => {
  it.each([
    "1.2.3",
    "v1.2.3",
    "1.2",
    "1",
    "1.5.0-rc.0",
    "v0.20.0",
    "1.0.0+build.1",
    "0.0.0",
    "1.0.0-rc.10+build.22",
  ])("accepts %s", (version) => expect(isChartVersion(version)).toBe(true));
  it.each(["", "one", "1.2.3.4", "01.2.3", "1.2.3-", "V1.2.3", "1.2.3 "])("refuses %j", (version) =>
    expect(isChartVersion(version)).toBe(false),
  );
});

describe("sanitize", () => {
  it("turns white space into spaces and drops unprintable characters, as Helm does", () => {
    expect(sanitize("a\tb\nc\u00a0d\u0007e\u200bf")).toBe("a b c def");
  });
});

describe("readChartMetadata, the values Helm converts", () => {
  it("turns numbers and booleans in text fields into their text, and keeps import-values as written", () => {
    const metadata = read(
      [
        "apiVersion: v2",
        "name: x",
        "version: 1.0.0",
        "appVersion: true",
        "kubeVersion: 128",
        "keywords: [1, true, a]",
        "annotations:",
        "  flag: false",
        "  empty: ''",
        "dependencies:",
        "- name: d",
        "  repository: r",
        "  import-values:",
        "  - child: a",
        "    parent: b",
        "  depends-on: [e]",
        "  enabled: false",
        "",
      ].join("\n"),
    );
    expect(metadata).toEqual({
      apiVersion: "v2",
      name: "x",
      version: "1.0.0",
      appVersion: "true",
      kubeVersion: "128",
      keywords: ["1", "true", "a"],
      annotations: { flag: "false", empty: "" },
      dependencies: [
        {
          name: "d",
          repository: "r",
          "import-values": [{ child: "a", parent: "b" }],
          "depends-on": ["e"],
        },
      ],
    });
  });

  it("reads a null in a list of text as empty text, as go-yaml fills a Go string", () => {
    expect(read("apiVersion: v2\nname: x\nversion: 1.0.0\nkeywords: [a, ~]\n").keywords).toEqual([
      "a",
      "",
    ]);
    expect(read("apiVersion: v2\nname: x\nversion: 1.0.0\nannotations: ~\n").annotations).toBe(
      undefined,
    );
  });

  it("sanitizes the fields Helm sanitizes, in a maintainer and a dependency too, and no other", () => {
    const dirty = '"a\\tb\\u200B"';
    const chart = [
      "apiVersion: v2",
      `name: ${dirty}`,
      "version: 1.0.0",
      ...["home", "description", "icon", "condition", "tags", "appVersion", "kubeVersion"].map(
        (key) => `${key}: ${dirty}`,
      ),
      `sources: [${dirty}]`,
      `keywords: [${dirty}]`,
      `maintainers: [{name: ${dirty}, email: ${dirty}, url: ${dirty}}]`,
      "dependencies:",
      `- {name: ${dirty}, version: ${dirty}, repository: ${dirty}, condition: ${dirty}}`,
      `- {name: d, repository: r, tags: [${dirty}], depends-on: [${dirty}]}`,
      "",
    ].join("\n");
    const clean = "a b";
    expect(read(chart.replace("apiVersion: v2", `apiVersion: ${dirty}`))).toEqual({
      // Helm checks only that there is one.
      apiVersion: "a\tb\u200B",
      name: clean,
      version: "1.0.0",
      home: clean,
      description: clean,
      icon: clean,
      condition: clean,
      tags: clean,
      appVersion: clean,
      kubeVersion: clean,
      sources: [clean],
      keywords: [clean],
      maintainers: [{ name: clean, email: clean, url: clean }],
      dependencies: [
        { name: clean, version: clean, repository: clean, condition: clean },
        { name: "d", repository: "r", tags: [clean], "depends-on": [clean] },
      ],
    });
  });

  it("omits empty annotations, maintainers and dependencies, and reads nulls as absent", () => {
    expect(
      read(
        "apiVersion: v2\nname: x\nversion: 1.0.0\nannotations: {}\nmaintainers: []\ndependencies: ~\nsources: ~\ndeprecated: ~\n",
      ),
    ).toEqual({ apiVersion: "v2", name: "x", version: "1.0.0" });
  });

  it("fills a dependency's name and repository as Helm writes them, and refuses a bad entry", () => {
    expect(
      read("apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- alias: a\n").dependencies,
    ).toEqual([{ name: "", repository: "", alias: "a" }]);
    expect(
      readChartMetadata("apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies: [~]\n"),
    ).toEqual({
      ok: false,
      error: "dependencies[0] must be a mapping",
    });
    expect(
      readChartMetadata("apiVersion: v2\nname: x\nversion: 1.0.0\nannotations:\n  a: [1]\n"),
    ).toEqual({
      ok: false,
      error: "annotations.a must be a string",
    });
    expect(readChartMetadata("apiVersion: v2\nname: x\nversion: 1.0.0\nsources: [[a]]\n")).toEqual({
      ok: false,
      error: "sources[0] must be a string",
    });
  });

  it("takes the same chart twice under two aliases, as Helm does", () => {
    expect(
      read(
        "apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- {name: db, alias: db_a}\n- {name: db, alias: db-b}\n",
      ).dependencies,
    ).toEqual([
      { name: "db", repository: "", alias: "db_a" },
      { name: "db", repository: "", alias: "db-b" },
    ]);
  });

  it("keeps a v2 chart's dependencies in the Chart.yaml it writes", () => {
    expect(
      helmChartYaml(
        read(
          "apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- name: d\n  repository: r\n",
        ),
      ),
    ).toBe("apiVersion: v2\ndependencies:\n- name: d\n  repository: r\nname: x\nversion: 1.0.0\n");
  });
});
