import { describe, expect, it } from "vitest";
import type { ChartMetadata } from "../../../src/core/charts/chart-metadata.js";
import {
  addToIndex,
  entryFields,
  type IndexEntry,
  readIndex,
  rfc3339,
} from "../../../src/core/charts/index-file.js";

const GENERATED = "2026-12-01T10:00:00Z";

function entry(name: string, version: string, extra: Partial<ChartMetadata> = {}): IndexEntry {
  return {
    metadata: { apiVersion: "v2", name, version, appVersion: version, ...extra },
    digest: `digest-${name}-${version}`,
    url: `https://github.com/kubeflow/x/releases/download/v${version}/${name}-${version}.tgz`,
    created: "2026-12-01T10:00:00.5Z",
  };
}

/** An index as Helm writes it, with a comment and a blank line Helm would not write. */
const INDEX = `apiVersion: v1
entries:
  alpha:
  - apiVersion: v2
    created: "2026-01-01T00:00:00Z"
    digest: aaa
    name: alpha
    urls:
    - https://example.com/alpha-1.0.0.tgz
    version: 1.0.0
  operator:
  # hand-written note
  - apiVersion: v2
    appVersion: 1.5.0-rc.1
    created: "2026-11-02T00:00:00Z"
    digest: rc1
    name: operator
    urls:
    - https://example.com/operator-1.5.0-rc.1.tgz
    version: 1.5.0-rc.1
  - apiVersion: v2
    appVersion: 1.4.2
    created: "2026-10-01T00:00:00Z"
    digest: old
    name: operator
    urls:
    - https://example.com/operator-1.4.2.tgz
    version: 1.4.2

generated: "2026-11-02T00:00:00.123456789Z"
serverInfo: {}
`;

function added(current: string | null, entries: IndexEntry[]) {
  const update = addToIndex(current, entries, GENERATED);
  if (!update.ok) throw new Error(update.error);
  return update;
}

const block = (e: IndexEntry, dash = 2) =>
  [
    `${" ".repeat(dash)}- apiVersion: v2`,
    `    appVersion: ${e.metadata.version}`,
    `    created: "${e.created}"`,
    `    digest: ${e.digest}`,
    `    name: ${e.metadata.name}`,
    "    urls:",
    `    - ${e.url}`,
    `    version: ${e.metadata.version}`,
    "",
  ].join("\n");

describe("addToIndex", () => {
  it("inserts a version before the first older one, every other byte kept, generated updated", () => {
    const rc2 = entry("operator", "1.5.0-rc.2");
    const update = added(INDEX, [entry("operator", "1.4.3"), rc2]);
    expect(update.added).toEqual(["operator-1.4.3", "operator-1.5.0-rc.2"]);
    expect(update.rewritten).toBe(false);
    expect(update.text).toBe(
      INDEX.replace("  # hand-written note\n", `  # hand-written note\n${block(rc2)}`)
        .replace(
          "  - apiVersion: v2\n    appVersion: 1.4.2",
          `${block(entry("operator", "1.4.3"))}  - apiVersion: v2\n    appVersion: 1.4.2`,
        )
        .replace('generated: "2026-11-02T00:00:00.123456789Z"', `generated: "${GENERATED}"`),
    );
  });

  it("appends the oldest version after the chart's last entry", () => {
    const old = entry("operator", "1.0.0");
    const update = added(INDEX, [old]);
    expect(update.text).toBe(
      INDEX.replace("    version: 1.4.2\n", `    version: 1.4.2\n${block(old)}`).replace(
        '"2026-11-02T00:00:00.123456789Z"',
        `"${GENERATED}"`,
      ),
    );
  });

  it("adds a chart the index lacks at its place among the chart names", () => {
    const beta = entry("beta", "0.1.0");
    const zulu = entry("zulu", "2.0.0");
    const update = added(INDEX, [beta, zulu]);
    expect(update.text).toBe(
      INDEX.replace("  operator:\n", `  beta:\n${block(beta)}  operator:\n`)
        .replace("    version: 1.4.2\n", `    version: 1.4.2\n  zulu:\n${block(zulu)}`)
        .replace('"2026-11-02T00:00:00.123456789Z"', `"${GENERATED}"`),
    );
  });

  it("keeps an entry that is there already and writes nothing when every one is", () => {
    const update = added(INDEX, [
      { ...entry("operator", "1.5.0-rc.1"), digest: "rc1" },
      entry("alpha", "1.0.0"),
    ]);
    expect(update).toEqual({
      ok: true,
      text: null,
      added: [],
      kept: [
        { name: "operator", version: "1.5.0-rc.1", sameDigest: true },
        { name: "alpha", version: "1.0.0", sameDigest: false },
      ],
      rewritten: false,
    });
  });

  it("writes a new index in Helm's layout when there is none", () => {
    const e = entry("operator", "1.5.0-rc.0");
    const update = added(null, [e]);
    expect(update.text).toBe(
      `apiVersion: v1\nentries:\n  operator:\n${block(e)}generated: "${GENERATED}"\n`,
    );
    // Nothing was there to rewrite: the reply says "created", not "rewritten".
    expect(update.rewritten).toBe(false);
  });

  it("rewrites an index it cannot insert into as text (empty, flow style), same data", () => {
    const e = entry("operator", "1.5.0-rc.0");
    for (const current of [
      "apiVersion: v1\nentries: {}\n",
      "apiVersion: v1\n",
      'apiVersion: v1\nentries: {"operator": [{"name": "operator", "version": "1.0.0"}]}\n',
      "apiVersion: v1\nentries:\n  operator: []\n",
      '{"apiVersion": "v1", "entries": {"operator": [{"name": "operator", "version": "1.0.0"}]}}',
    ]) {
      const update = added(current, [e]);
      expect(update.rewritten).toBe(true);
      const read = readIndex(update.text as string);
      expect(read.ok && read.index.entries.operator?.[0]).toEqual(entryFields(e));
      expect(read.ok && read.index.generated).toBe(GENERATED);
    }
  });

  it("rewrites, with the same data, what it cannot edit as text: a flow list, a list generated", () => {
    const e = entry("operator", "2.0.0");
    for (const current of [
      "apiVersion: v1\nentries:\n  operator: [{name: operator, version: 1.0.0}]\ngenerated: x\n",
      "apiVersion: v1\nentries:\n  operator:\n  - name: operator\n    version: 1.0.0\ngenerated: [x]\n",
    ]) {
      const update = added(current, [e]);
      expect([current, update.rewritten]).toEqual([current, true]);
      const read = readIndex(update.text as string);
      expect(read.ok && read.index.entries.operator?.map((v) => v.version)).toEqual([
        "2.0.0",
        "1.0.0",
      ]);
    }
  });

  it("edits as text a list whose items are indented further after the dash", () => {
    const current =
      "apiVersion: v1\nentries:\n  operator:\n  -   name: operator\n      version: 1.0.0\n  -   name: operator\n      version: 0.1.0\n";
    const update = added(current, [entry("operator", "0.5.0")]);
    expect(update.rewritten).toBe(false);
    const read = readIndex(update.text as string);
    expect(read.ok && read.index.entries.operator?.map((v) => v.version)).toEqual([
      "1.0.0",
      "0.5.0",
      "0.1.0",
    ]);
    expect(
      update.text?.startsWith(
        current.slice(0, current.indexOf("  -   name: operator\n      version: 0.1.0")),
      ),
    ).toBe(true);
  });

  it("adds generated when the index has none, and a newline when its last line has none", () => {
    const e = entry("operator", "0.1.0");
    // The comment is there so that a rewrite, which would drop it, cannot pass for the edit.
    const current =
      "apiVersion: v1\n# kept\nentries:\n  operator:\n  - name: operator\n    version: 1.0.0";
    const update = added(current, [e]);
    expect(update.text).toBe(`${current}\n${block(e)}generated: "${GENERATED}"\n`);
    expect(update.rewritten).toBe(false);
  });

  it("keeps the indentation the file uses for a chart's list", () => {
    const e = entry("operator", "2.0.0");
    const current =
      "apiVersion: v1\nentries:\n    operator:\n      - name: operator\n        version: 1.0.0\ngenerated: x\n";
    const update = added(current, [e]);
    expect(update.rewritten).toBe(false);
    expect(update.text).toContain("    operator:\n      - apiVersion: v2\n");
  });

  it("takes a chart listed with no versions, and a field with no value, as Helm reads them", () => {
    const e = entry("operator", "1.0.0");
    const update = added("apiVersion: v1\nentries:\n  operator:\n", [e]);
    const read = readIndex(update.text as string);
    expect(read.ok && read.index.entries.operator).toEqual([entryFields(e)]);
    // A null field elsewhere in the file is data like any other: the edit stays in place.
    const current =
      "apiVersion: v1\nentries:\n  operator:\n  - name: operator\n    version: 0.1.0\nserverInfo:\n";
    expect(added(current, [e])).toMatchObject({ rewritten: false });
  });

  it("puts a version equal in precedence to one there (build metadata aside) after it", () => {
    const current =
      "apiVersion: v1\nentries:\n  operator:\n  - name: operator\n    version: 1.0.0\n";
    const read = readIndex(added(current, [entry("operator", "1.0.0+build.7")]).text as string);
    expect(read.ok && read.index.entries.operator?.map((v) => v.version)).toEqual([
      "1.0.0",
      "1.0.0+build.7",
    ]);
  });

  it("reads its edit back and rewrites when the text means more than was asked (an alias)", () => {
    // Writing the time over the anchored `generated` would move `serverInfo.at` with it.
    const current =
      'apiVersion: v1\nentries:\n  operator:\n  - name: operator\n    version: 1.0.0\ngenerated: &g "2020"\nserverInfo:\n  at: *g\n';
    const update = added(current, [entry("operator", "2.0.0")]);
    expect(update.rewritten).toBe(true);
    const read = readIndex(update.text as string);
    expect(read.ok && [read.index.generated, read.index.serverInfo]).toEqual([
      GENERATED,
      { at: "2020" },
    ]);
  });

  it.each([
    ["a: [", "it is not valid YAML"],
    ["", "it is not a YAML mapping"],
    ["~\n", "it is not a YAML mapping"],
    ["apiVersion: v1\nentries: charts\n", "its `entries` is not a mapping of charts"],
    [
      "apiVersion: v1\nentries:\n  x: [null]\n",
      "its entries of `x` are not a list of chart versions",
    ],
    ["- a\n", "it is not a YAML mapping"],
    ["entries: {}\n", "it has no `apiVersion`"],
    ["apiVersion: v1\nentries: [a]\n", "its `entries` is not a mapping of charts"],
    ["apiVersion: v1\nentries:\n  x: 1\n", "its entries of `x` are not a list of chart versions"],
    ["apiVersion: v1\nentries:\n  x: [1]\n", "its entries of `x` are not a list of chart versions"],
  ])("refuses %j: %s", (current, error) => {
    const update = addToIndex(current, [entry("x", "1.0.0")], GENERATED);
    expect(update.ok).toBe(false);
    expect(!update.ok && update.error).toMatch(
      new RegExp(`^${error.replace(/[[\]`()]/g, "\\$&")}`),
    );
  });
});

describe("entryFields and rfc3339", () => {
  it("is the metadata with created, digest and urls, as Helm's ChartVersion", () => {
    expect(entryFields(entry("a", "1.0.0"))).toEqual({
      apiVersion: "v2",
      name: "a",
      version: "1.0.0",
      appVersion: "1.0.0",
      created: "2026-12-01T10:00:00.5Z",
      digest: "digest-a-1.0.0",
      urls: ["https://github.com/kubeflow/x/releases/download/v1.0.0/a-1.0.0.tgz"],
    });
  });

  it("writes times as Go does, trailing zeros of the fraction dropped", () => {
    expect(rfc3339(Date.UTC(2025, 6, 22, 5, 53, 33, 469))).toBe("2025-07-22T05:53:33.469Z");
    expect(rfc3339(Date.UTC(2025, 6, 22, 5, 53, 33, 400))).toBe("2025-07-22T05:53:33.4Z");
    expect(rfc3339(Date.UTC(2025, 6, 22, 5, 53, 30, 0))).toBe("2025-07-22T05:53:30Z");
  });
});
