import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Config, parseConfig, type RawConfig } from "../../../src/config.js";
import { findVersionPlaces, operatorImages, spellings } from "../../../src/core/files/discovery.js";
import { versionStrings } from "../../../src/core/version/spellings.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/charts/spark-places-like/", import.meta.url));

function tree(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(FIXTURE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(FIXTURE, full).split(sep).join("/"), readFileSync(full, "utf8"));
  }
  return files;
}

function config(raw: RawConfig = {}): Config {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

const IMAGE = "ghcr.io/example/spark-operator/controller";

function search(
  files: ReadonlyMap<string, string>,
  options: { raw?: RawConfig; previous?: string[]; images?: string[]; current?: string } = {},
) {
  const cfg = config(options.raw);
  return findVersionPlaces(cfg, {
    files,
    previous: options.previous ?? ["1.2.0-rc.0"],
    current: versionStrings(cfg, options.current ?? "1.3.0-rc.0"),
    images: options.images ?? [IMAGE],
  });
}

const where = (report: ReturnType<typeof search>) =>
  report.places.map((p) => `${p.path}:${p.line} ${p.found} ${p.kind} ${p.via} ${p.format}`);

describe("findVersionPlaces", () => {
  it("finds every spelling of the previous version and every drifted image reference, classified", () => {
    const report = search(tree());
    expect(where(report)).toEqual([
      "CHANGELOG.md:1 v1.2.0-rc.0 other previous-version {tag}",
      "Makefile:2 v1.2.0-rc.0 makefile-variable previous-version {tag}",
      "VERSION:1 v1.2.0-rc.0 version-file previous-version {tag}",
      "api/python_api/spark_api/__init__.py:4 1.2.0-rc.0 python-version previous-version {version}",
      "charts/spark-operator-chart/Chart.yaml:5 1.2.0-rc.0 chart previous-version {version}",
      "charts/spark-operator-chart/Chart.yaml:7 1.2.0-rc.0 chart previous-version {version}",
      "charts/spark-operator-chart/README.md:3 1.2.0-rc.0 chart-badge previous-version {version}",
      "charts/spark-operator-chart/README.md:3 1.2.0--rc.0 chart-badge previous-version null",
      "config/default/kustomization.yaml:13 v1.2.0-rc.0 kustomize-new-tag previous-version {tag}",
      "config/samples/deployment.yaml:8 v1.1.0 manifest-image image {tag}",
      "docs/install.md:3 1.2.0-rc.0 docs-install previous-version {version}",
      "docs/install.md:5 v1.1.0 docs-install image {tag}",
      "pyproject.toml:3 1.2.0rc0 python-version previous-version {pep440}",
      "vendor/example.com/pkg/version.go:3 1.2.0-rc.0 go-constant previous-version {version}",
    ]);
    expect(report.ignored).toBe(0);
  });

  it("leaves out what already carries the release, in any spelling", () => {
    const files = new Map([
      ["a.yaml", `image: ${IMAGE}:v1.3.0-rc.0\nother: 1.3.0rc0\n`],
      ["b.md", `![v](https://img.shields.io/badge/Version-1.3.0--rc.0-blue)\n`],
    ]);
    expect(search(files).places).toEqual([]);
  });

  it("does not take a longer or another version for the previous one", () => {
    const others = ["12.5.0", "2.5.0.1", "2.5.0-rc.1", "2.5.01", "x2.5.0", "2.5.0-1", "3.2.5.0"];
    const ones = ["spark-operator-2.5.0.tgz", "version 2.5.0.", "2.5.0-amd64", "(2.5.0)", "v2.5.0"];
    const files = new Map([
      ["others.txt", others.join("\n")],
      ["ones.txt", ones.join("\n")],
    ]);
    const report = search(files, { previous: ["2.5.0"], current: "2.6.0" });
    expect(report.places.map((p) => `${p.path}:${p.line} ${p.found}`)).toEqual([
      "ones.txt:1 2.5.0",
      "ones.txt:2 2.5.0",
      "ones.txt:3 2.5.0",
      "ones.txt:4 2.5.0",
      "ones.txt:5 v2.5.0",
    ]);
  });

  it("finds an image reference through any registry, and no other image's", () => {
    const files = new Map([
      [
        "deploy.yaml",
        [
          "image: docker.io/example/spark-operator/controller:2.4.0",
          "image: example/spark-operator/controller:2.4.1",
          "image: ghcr.io/example/spark-operator/controller-extra:2.4.2",
          "image: ghcr.io/example/spark-operator/controller:latest",
          "image: ghcr.io/example/spark-operator/controller:$(TAG)",
          "image: localhost:5000/example/spark-operator/controller:v2.4.3",
          "image: myexample/spark-operator/controller:2.4.4",
        ].join("\n"),
      ],
    ]);
    const report = search(files, { previous: [] });
    expect(report.places.map((p) => `${p.line} ${p.found}`)).toEqual([
      "1 2.4.0",
      "2 2.4.1",
      "6 v2.4.3",
    ]);
    expect(report.places.map((p) => p.format)).toEqual(["{version}", "{version}", "{tag}"]);
  });

  it("finds a drifted Kustomize newTag and values tag of the image, by name or newName", () => {
    const files = new Map([
      [
        "overlays/kustomization.yaml",
        "images:\n- name: controller\n  newName: ghcr.io/example/spark-operator/controller\n  newTag: v0.9.0\n- name: ghcr.io/example/spark-operator/controller\n  newTag: latest\n",
      ],
      [
        "charts/x/values.yaml",
        "image:\n  tag: 0.9.1\n  # a comment\n\n  repository: example/spark-operator/controller\n  nested:\n    tag: 0.9.2\nother:\n  tag: 0.9.3\n",
      ],
      ["notes/kustomization.txt", "newTag: v0.9.0\n"],
    ]);
    const report = search(files, { previous: [] });
    expect(where(report)).toEqual([
      "charts/x/values.yaml:2 0.9.1 values-image-tag image {version}",
      "overlays/kustomization.yaml:4 v0.9.0 kustomize-new-tag image {tag}",
    ]);
  });

  it("skips the files versionPlaces.ignore lists, and counts them", () => {
    const report = search(tree(), {
      raw: { versionPlaces: { ignore: ["./docs/**", "CHANGELOG.md", "vendor/**"] } },
    });
    expect(report.places.some((p) => /^(docs|vendor)\/|CHANGELOG/.test(p.path))).toBe(false);
    expect(report.ignored).toBe(4);
  });

  it("searches nothing without a previous version or an image", () => {
    expect(search(tree(), { previous: ["1.3.0-rc.0"], images: [] }).places).toEqual([]);
  });

  it("finds a previous version spelled by the configured formats", () => {
    const files = new Map([["a.txt", "release-1.2.0 img-1.2.0-x\n"]]);
    const report = search(files, {
      raw: { tags: { format: "release-{version}" }, image: { tag: "img-{version}-x" } },
      previous: ["1.2.0"],
      images: [],
    });
    expect(report.places.map((p) => `${p.found} ${p.format}`)).toEqual([
      "release-1.2.0 {tag}",
      "img-1.2.0-x {image}",
    ]);
  });
});

describe("spellings", () => {
  it("spells a candidate every way a place may write it", () => {
    expect([...spellings(config(), "2.5.0-rc.0")]).toEqual([
      ["2.5.0-rc.0", "{version}"],
      ["v2.5.0-rc.0", "{tag}"],
      ["2.5.0rc0", "{pep440}"],
      ["2.5.0--rc.0", null],
    ]);
    expect([...spellings(config(), "2.5.0")]).toEqual([
      ["2.5.0", "{version}"],
      ["v2.5.0", "{tag}"],
    ]);
  });
});

describe("operatorImages", () => {
  it("names the image of the configuration, the kustomize entries and each chart's values", () => {
    const cfg = config({
      image: { name: "quay.io/x/op" },
      kustomize: [{ path: "k.yaml", image: "x/op-kustomize" }],
    });
    const files = new Map([
      ["charts/a/values.yaml", "image:\n  registry: ghcr.io/\n  repository: x/a\n"],
      ["charts/b/values.yaml", "image:\n  repository: x/b\n"],
      ["charts/c/values.yaml", "image: x/c:1.0\n"],
    ]);
    const charts = [
      "charts/a/Chart.yaml",
      "charts/b/Chart.yaml",
      "charts/c/Chart.yaml",
      "charts/d/Chart.yaml",
    ];
    expect(operatorImages(cfg, charts, files)).toEqual([
      "quay.io/x/op",
      "x/op-kustomize",
      "ghcr.io/x/a",
      "x/b",
    ]);
  });
});
