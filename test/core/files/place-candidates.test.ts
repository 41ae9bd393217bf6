import { describe, expect, it } from "vitest";
import {
  DEFAULT_BUDGET,
  isSearchable,
  selectPlaceCandidates,
} from "../../../src/core/files/place-candidates.js";

const file = (path: string, size?: number) => (size === undefined ? { path } : { path, size });

describe("selectPlaceCandidates", () => {
  it("reads the likeliest places first, shallow before deep, and skips what holds no release", () => {
    const files = [
      "README.md",
      "cmd/main.go",
      "internal/version/version.go",
      "docs/guide.md",
      "charts/op/values.yaml",
      "charts/op/Chart.yaml",
      "config/default/kustomization.yaml",
      "hack/tool.rb",
      "go.mod",
      "go.sum",
      "vendor/x/y.go",
      "node_modules/a/package.json",
      "CHANGELOG.md",
      "docs/CHANGELOG-2.x.md",
      "logo.png",
      "package-lock.json",
      "poetry.lock",
      ".github/release-bot.yml",
      "api/zz_generated.deepcopy.go",
      "api/types_test.go",
      "api/x.pb.go",
      "VERSION",
    ].map((path) => file(path, 10));
    const selection = selectPlaceCandidates(files, new Set(["VERSION"]));
    expect(selection).toEqual({
      batches: [
        [
          "README.md",
          "charts/op/Chart.yaml",
          "charts/op/values.yaml",
          "config/default/kustomization.yaml",
          "internal/version/version.go",
          "docs/guide.md",
          "cmd/main.go",
          "hack/tool.rb",
        ],
      ],
      unread: 0,
    });
  });

  it("spreads the files over at most three requests and counts what is left", () => {
    const files = Array.from({ length: 350 }, (_, i) =>
      file(`docs/p${String(i).padStart(3, "0")}.md`, 1),
    );
    const selection = selectPlaceCandidates(files, new Set());
    expect(selection.batches.map((b) => b.length)).toEqual([100, 100, 100]);
    expect(selection.batches[0]?.[0]).toBe("docs/p000.md");
    expect(selection.batches[2]?.[99]).toBe("docs/p299.md");
    expect(selection.unread).toBe(50);
  });

  it("closes a request at its byte budget", () => {
    const budget = { ...DEFAULT_BUDGET, requests: 2, bytesPerRequest: 100, maxFileBytes: 60 };
    const files = [
      file("a.md", 60),
      file("b.md", 40),
      file("c.md", 1),
      file("d.md", 60),
      file("e.md"),
    ];
    expect(selectPlaceCandidates(files, new Set(), budget)).toEqual({
      batches: [
        ["a.md", "b.md"],
        ["c.md", "d.md", "e.md"],
      ],
      unread: 0,
    });
    const tight = { ...budget, requests: 1 };
    expect(selectPlaceCandidates(files, new Set(), tight)).toEqual({
      batches: [["a.md", "b.md"]],
      unread: 3,
    });
  });

  it("reads nothing from an empty listing", () => {
    expect(selectPlaceCandidates([], new Set())).toEqual({ batches: [], unread: 0 });
  });
});

describe("isSearchable", () => {
  it("skips files over the size cap, and takes those of unknown size", () => {
    expect(isSearchable(file("a.md", 101), 100)).toBe(false);
    expect(isSearchable(file("a.md", 100), 100)).toBe(true);
    expect(isSearchable(file("a.md"), 100)).toBe(true);
  });

  it.each([
    "third_party/a.yaml",
    "x/site-packages/y.py",
    "Cargo.lock",
    "deps.lock",
    "Chart.lock",
    "HISTORY.md",
    "RELEASE_NOTES.md",
    "CHANGES",
    "docs/CHANGELOG-2.x.md",
    "changelog",
    "a/font.woff2",
    "go.work.sum",
  ])("skips %s", (path) => {
    expect(isSearchable(file(path), 100)).toBe(false);
  });

  it.each(["changelog.go", "changes.yaml", "vendored.yaml", "Makefile"])("searches %s", (path) => {
    expect(isSearchable(file(path), 100)).toBe(true);
  });
});
