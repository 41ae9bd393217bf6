import { describe, expect, it } from "vitest";
import { blobId, type ListedEntry, treeId, treeIdAfter } from "../../../src/core/git/object-ids.js";

/**
 * The ids below are git's own, from `git hash-object` and `git rev-parse HEAD^{tree}` on a
 * repository of these files (a.b beside a directory a/: git orders "a.b" before "a/").
 */
const LISTING: ListedEntry[] = [
  { path: "VERSION", mode: "100644", sha: "626799f0f85326a8c1fc522db584e86cdfccd51f" },
  { path: "a.b", mode: "100644", sha: "ce013625030ba8dba906f756967f9e9ca394464a" },
  { path: "a", mode: "040000", sha: "ab69b4abf3bb84d4e268bd42d84e4a9a5e242bd3" },
  { path: "a/x", mode: "100644", sha: "587be6b4c3f93f93c489c0111bba5596147a26cb" },
  { path: "charts", mode: "040000", sha: "d17ece5d469d6f44fb0fd36e2e5f4196c3e06ec7" },
  { path: "charts/op", mode: "040000", sha: "3a0a562214419992d4cac4a2b760bbb9feb86e86" },
  {
    path: "charts/op/Chart.yaml",
    mode: "100644",
    sha: "ef64beee07ea92caf320d0be2d19737aa7e29abe",
  },
  { path: "run.sh", mode: "100755", sha: "1a2485251c33a70432394c93fb89330ef214bfc9" },
];
const ROOT = "d9176c427f80cdb9ba9351545ed48404c38191e8";

describe("blobId", () => {
  it("is git's blob id of the UTF-8 text", () => {
    expect(blobId("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect(blobId("")).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    expect(blobId("version: 1.5.0\n")).toBe("ef64beee07ea92caf320d0be2d19737aa7e29abe");
  });
});

describe("treeId", () => {
  it("is git's tree id, entries in git's order whatever the given order", () => {
    expect(treeId([])).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    const top = LISTING.filter((e) => !e.path.includes("/")).map((e) => ({
      name: e.path,
      mode: e.mode,
      sha: e.sha,
    }));
    expect(treeId(top)).toBe(ROOT);
    expect(treeId([...top].reverse())).toBe(ROOT);
  });
});

/** Files "a" and "a-b" (a name and a longer one it begins) and a directory of two files. */
const SIBLINGS: ListedEntry[] = [
  { path: "a", mode: "100644", sha: "f70f10e4db19068f79bc43844b49f3eece45c4e8" },
  { path: "a-b", mode: "100644", sha: "223b7836fb19fdf64ba2d3cd6173c6a283141f78" },
  { path: "op", mode: "040000", sha: "27a17f51fc4099572a39bccf1cb8265022bc0b69" },
  { path: "op/Chart.yaml", mode: "100644", sha: "7fe0dfc11e4c3b4c80e87acc62817f55b4ee9e19" },
  { path: "op/values.yaml", mode: "100644", sha: "917b21d58127303a9e0b9174264c3327f6bcef65" },
];
const SIBLINGS_ROOT = "04e4fba04cef701bde8ac81954f2c468fcd4ee4e";

describe("treeIdAfter", () => {
  it("orders a name before a longer one it begins, and keeps a written file's siblings", () => {
    expect(
      treeId(SIBLINGS.filter((e) => !e.path.includes("/")).map((e) => ({ ...e, name: e.path }))),
    ).toBe(SIBLINGS_ROOT);
    expect(
      treeIdAfter(SIBLINGS, SIBLINGS_ROOT, [
        { path: "op/Chart.yaml", content: "chart2\n", mode: "100644" },
      ]),
    ).toBe("1cae701b704df46ec5a207cc90db35b38e00dd06");
  });

  it("keeps the listed id of a directory nothing is written in, whatever is listed below it", () => {
    // A listing of the top level alone: "op" is taken as listed, not computed from nothing.
    const top = SIBLINGS.filter((e) => !e.path.includes("/"));
    const changed = treeIdAfter(top, SIBLINGS_ROOT, [
      { path: "a", content: "A2\n", mode: "100644" },
    ]);
    const full = treeIdAfter(SIBLINGS, SIBLINGS_ROOT, [
      { path: "a", content: "A2\n", mode: "100644" },
    ]);
    expect(changed).toBe(full);
    expect(changed).not.toBe(SIBLINGS_ROOT);
  });

  it("is the listed root when nothing is written", () => {
    expect(treeIdAfter(LISTING, ROOT, [])).toBe(ROOT);
  });

  it("is git's tree after changing files, deep ones included, and adding a file in new directories", () => {
    expect(
      treeIdAfter(LISTING, ROOT, [
        { path: "VERSION", content: "v2\n", mode: "100644" },
        { path: "charts/op/Chart.yaml", content: "version: 1.5.1\n", mode: "100644" },
        { path: "new/dir/f", content: "n\n", mode: "100644" },
      ]),
    ).toBe("7dccd13ae6d3afee4cf849089d305b0c427a13ea");
  });

  it("changes the id with the mode as git does", () => {
    const same = treeIdAfter(LISTING, ROOT, [
      { path: "run.sh", content: "#!/bin/sh\n", mode: "100755" },
    ]);
    expect(same).toBe(ROOT);
    expect(
      treeIdAfter(LISTING, ROOT, [{ path: "run.sh", content: "#!/bin/sh\n", mode: "100644" }]),
    ).not.toBe(ROOT);
  });

  it("cannot say what a file written over a directory, a submodule or through a file gives", () => {
    const submodule = [...LISTING, { path: "vendor", mode: "160000", sha: "1".repeat(40) }];
    const file = (path: string) => [{ path, content: "x\n", mode: "100644" as const }];
    expect(treeIdAfter(LISTING, ROOT, file("a"))).toBeNull();
    expect(treeIdAfter(submodule, ROOT, file("vendor"))).toBeNull();
    expect(treeIdAfter(LISTING, ROOT, file("VERSION/x"))).toBeNull();
  });
});
