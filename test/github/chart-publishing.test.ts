/**
 * The chart steps against GitHub's API, call by call (nock): the upload of a tag's chart and what
 * an asset already there means (a redelivery's, a lost answer's, another zlib's, someone else's),
 * and the index commit on a branch that moves under it, is missing, or is created meanwhile.
 */
import { gzipSync } from "node:zlib";
import nock from "nock";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import type { IndexEntry } from "../../src/core/charts/index-file.js";
import { type PackagedChart, packageChart } from "../../src/core/charts/package.js";
import { type FlowContext, standaloneScope } from "../../src/flows/context.js";
import { attachCharts } from "../../src/flows/release/chart-assets.js";
import { indexCharts, MAX_INDEX_ATTEMPTS } from "../../src/flows/release/chart-index.js";
import { chartsOfTag } from "../../src/flows/release/charts.js";
import type { TagRelease } from "../../src/github/release-drafts.js";
import { commitOnBranch } from "../helpers/endpoints.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const NOW = Date.UTC(2026, 11, 1, 10, 0, 0, 250);

function context(): FlowContext {
  const parsed = parseConfig({ charts: { publish: "gh-pages" } });
  if (!parsed.ok) throw new Error(parsed.error);
  return {
    github: github(),
    repo,
    repoUrl: "https://github.com/kubeflow/spark-operator",
    config: parsed.config,
    log: pino({ level: "silent" }) as unknown as FlowContext["log"],
    delivery: standaloneScope({ now: () => NOW, sleep: async () => {} }),
  };
}

function chart(): PackagedChart {
  const packaged = packageChart(
    new Map([["Chart.yaml", Buffer.from("apiVersion: v2\nname: operator\nversion: 1.5.0\n")]]),
  );
  if (!packaged.ok) throw new Error(packaged.error);
  return packaged.chart;
}

const RELEASE: TagRelease = {
  id: 7,
  tag: "v1.5.0",
  url: "https://github.com/kubeflow/spark-operator/releases/tag/v1.5.0",
  draft: false,
  prerelease: false,
  immutable: false,
  uploadUrl:
    "https://uploads.github.com/repos/kubeflow/spark-operator/releases/7/assets{?name,label}",
};

const DOWNLOAD =
  "https://github.com/kubeflow/spark-operator/releases/download/v1.5.0/operator-1.5.0.tgz";

const assetJson = (
  id: number,
  c: PackagedChart,
  digest = `sha256:${c.digest}`,
  state = "uploaded",
) => ({
  id,
  name: c.fileName,
  state,
  size: c.tgz.length,
  digest,
  browser_download_url: DOWNLOAD,
});

function uploads(): nock.Scope {
  return nock("https://uploads.github.com");
}

describe("attachCharts", () => {
  it("uploads the chart's bytes under its name and checks what GitHub stored", async () => {
    const c = chart();
    const bodies: Buffer[] = [];
    const scope = api().get(`${REPO_PATH}/releases/7/assets`).query(true).reply(200, []);
    const upload = uploads()
      .post(`${REPO_PATH}/releases/7/assets`)
      .query({ name: "operator-1.5.0.tgz" })
      .reply(201, (_uri, body) => {
        bodies.push(Buffer.from(body as string, "hex"));
        return assetJson(11, c);
      });
    const result = await attachCharts(context(), RELEASE, [c]);
    expect(result).toMatchObject({ ok: true, uploaded: ["operator-1.5.0.tgz"] });
    expect(result.ok && result.charts[0]?.digest).toBe(c.digest);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.equals(c.tgz)).toBe(true);
    scope.done();
    upload.done();
  });

  it("keeps an asset of the same digest and uploads nothing (a redelivery)", async () => {
    const c = chart();
    const scope = api()
      .get(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(200, [assetJson(11, c)]);
    expect(await attachCharts(context(), RELEASE, [c])).toMatchObject({ ok: true, uploaded: [] });
    scope.done();
  });

  it("takes a racing replica's upload (422 already_exists) after looking again", async () => {
    const c = chart();
    const scope = api()
      .get(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(200, [])
      .get(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(200, [assetJson(12, c)]);
    const upload = uploads()
      .post(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(422, {
        message: "Validation Failed",
        errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }],
      });
    const result = await attachCharts(context(), RELEASE, [c]);
    expect(result).toMatchObject({ ok: true, uploaded: [] });
    expect(result.ok && result.charts[0]?.asset.id).toBe(12);
    scope.done();
    upload.done();
  });

  it("finds the upload whose answer was lost (502), and uploads again when it is not there", async () => {
    const c = chart();
    const scope = api()
      .get(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(200, [])
      .get(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(200, [assetJson(13, c, `sha256:${c.digest}`, "starter")])
      .delete(`${REPO_PATH}/releases/assets/13`)
      .reply(204);
    const upload = uploads()
      .post(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(502, { message: "Server Error" })
      .post(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(201, assetJson(14, c));
    const result = await attachCharts(context(), RELEASE, [c]);
    expect(result).toMatchObject({ ok: true, uploaded: ["operator-1.5.0.tgz"] });
    scope.done();
    upload.done();
  });

  it("keeps an asset holding the same archive in another gzip, with that asset's digest", async () => {
    const c = chart();
    const other = gzipSync(c.tar, { level: 1 });
    const scope = api()
      .get(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(200, [assetJson(15, c, "sha256:0000")])
      .get(`${REPO_PATH}/releases/assets/15`)
      .reply(200, other, { "content-type": "application/octet-stream" });
    const result = await attachCharts(context(), RELEASE, [c]);
    expect(result.ok && result.charts[0]?.digest).not.toBe(c.digest);
    expect(result.ok && result.charts[0]?.digest).toMatch(/^[0-9a-f]{64}$/);
    scope.done();
  });

  it("leaves someone else's different asset alone and says what to do", async () => {
    const c = chart();
    const scope = api()
      .get(`${REPO_PATH}/releases/7/assets`)
      .query(true)
      .reply(200, [assetJson(16, c, "sha256:0000")])
      .get(`${REPO_PATH}/releases/assets/16`)
      .reply(200, Buffer.from("not a gzip"), { "content-type": "application/octet-stream" });
    const result = await attachCharts(context(), RELEASE, [c]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(
      "the release already has a `operator-1.5.0.tgz` that is not the chart at the tag",
    );
    expect(!result.ok && result.problem).toContain(
      "set `charts.publish: false`, otherwise delete that asset",
    );
    scope.done();
  });

  it("does not try a published immutable release, and says how drafts avoid it", async () => {
    const c = chart();
    const scope = api().get(`${REPO_PATH}/releases/7/assets`).query(true).reply(200, []);
    const result = await attachCharts(context(), { ...RELEASE, immutable: true }, [c]);
    expect(result).toEqual({
      ok: false,
      problem:
        "the release of `v1.5.0` is published and immutable, so GitHub takes no asset on it; with `release.publish: draft` the bot attaches charts before publishing",
    });
    scope.done();
  });
});

const INDEX =
  'apiVersion: v1\nentries:\n  other:\n  - name: other\n    version: 0.1.0\ngenerated: "2025-01-01T00:00:00Z"\n';

function entry(version: string): IndexEntry {
  return {
    metadata: { apiVersion: "v2", name: "operator", version },
    digest: `d${version}`,
    url: `https://example.com/operator-${version}.tgz`,
    created: "2026-12-01T10:00:00.25Z",
  };
}

const branch = (sha: string) => ({
  name: "gh-pages",
  protected: false,
  commit: { sha, commit: { tree: { sha: `tree-${sha}` } } },
});
const content = (text: string) => ({
  type: "file",
  sha: "blob",
  encoding: "base64",
  content: Buffer.from(text).toString("base64"),
});

/** The index.yaml a recorded createCommitOnBranch wrote. */
const indexIn = (commit: Record<string, unknown> | undefined): string =>
  String((commit?.files as Record<string, string> | undefined)?.["index.yaml"]);

describe("indexCharts", () => {
  it("reads the index again when the branch moved, and commits the other's entry with its own", async () => {
    const moved = `${INDEX.replace("generated", "  operator:\n  - name: operator\n    version: 1.4.1\ngenerated")}`;
    const scope = api()
      .get(`${REPO_PATH}/branches/gh-pages`)
      .reply(200, branch("a1"))
      .get(`${REPO_PATH}/contents/index.yaml`)
      .query({ ref: "a1" })
      .reply(200, content(INDEX));
    const commits = commitOnBranch(scope, { stale: true });
    scope
      .get(`${REPO_PATH}/branches/gh-pages`)
      .reply(200, branch("b2"))
      .get(`${REPO_PATH}/contents/index.yaml`)
      .query({ ref: "b2" })
      .reply(200, content(moved));
    commitOnBranch(scope, { sha: "c2", tree: "t2" }, commits);
    scope
      .get(`${REPO_PATH}/contents/index.yaml`)
      .query({ ref: "c2" })
      .reply(200, () => content(indexIn(commits[1])));
    const result = await indexCharts(context(), [entry("1.5.0")]);
    const trees = commits.map(indexIn);
    expect(commits.map((c) => [c.branch, c.expectedHeadOid, c.headline])).toEqual([
      ["gh-pages", "a1", "Add operator-1.5.0 to the Helm repository index"],
      ["gh-pages", "b2", "Add operator-1.5.0 to the Helm repository index"],
    ]);
    expect(result).toEqual({ ok: true, added: ["operator-1.5.0"], kept: [], createdBranch: false });
    expect(trees[1]).toContain("    version: 1.4.1\n");
    expect(trees[1]).toContain(
      '  - apiVersion: v2\n    created: "2026-12-01T10:00:00.25Z"\n    digest: d1.5.0\n',
    );
    expect(trees[1]).toContain('generated: "2026-12-01T10:00:00.25Z"');
    expect(trees[1]?.indexOf("1.5.0")).toBeLessThan(trees[1]?.indexOf("1.4.1") ?? 0);
    scope.done();
  });

  it("adds nothing when the entry is there (a redelivery): one read, no write", async () => {
    const listed = INDEX.replace(
      "generated",
      "  operator:\n  - name: operator\n    digest: d1.5.0\n    version: 1.5.0\ngenerated",
    );
    const scope = api()
      .get(`${REPO_PATH}/branches/gh-pages`)
      .reply(200, branch("a1"))
      .get(`${REPO_PATH}/contents/index.yaml`)
      .query({ ref: "a1" })
      .reply(200, content(listed));
    expect(await indexCharts(context(), [entry("1.5.0")])).toEqual({
      ok: true,
      added: [],
      kept: [{ name: "operator", version: "1.5.0", sameDigest: true }],
      createdBranch: false,
    });
    scope.done();
  });

  it("creates the branch with the index alone; another creating it first means reading it again", async () => {
    let orphan = "";
    const scope = api()
      .get(`${REPO_PATH}/branches/gh-pages`)
      .reply(404, { message: "Branch not found" })
      .post(`${REPO_PATH}/git/trees`, (body) => {
        orphan = body.tree[0].content;
        return body.base_tree === undefined && body.tree[0].path === "index.yaml";
      })
      .reply(201, { sha: "t0" })
      .post(`${REPO_PATH}/git/commits`, (body) => body.parents.length === 0)
      .reply(201, { sha: "c0" })
      .post(`${REPO_PATH}/git/refs`, { ref: "refs/heads/gh-pages", sha: "c0" })
      .reply(422, { message: "Reference already exists" })
      .get(`${REPO_PATH}/branches/gh-pages`)
      .reply(200, branch("x1"))
      .get(`${REPO_PATH}/contents/index.yaml`)
      .query({ ref: "x1" })
      .reply(404, { message: "Not Found" });
    const commits = commitOnBranch(scope, { sha: "c1", tree: "t1" });
    scope
      .get(`${REPO_PATH}/contents/index.yaml`)
      .query({ ref: "c1" })
      .reply(200, () => content(orphan));
    expect(await indexCharts(context(), [entry("1.5.0")])).toMatchObject({
      ok: true,
      createdBranch: false,
    });
    expect(commits.map((c) => [c.branch, c.expectedHeadOid, indexIn(c)])).toEqual([
      ["gh-pages", "x1", orphan],
    ]);
    expect(orphan).toBe(
      'apiVersion: v1\nentries:\n  operator:\n  - apiVersion: v2\n    created: "2026-12-01T10:00:00.25Z"\n    digest: d1.5.0\n    name: operator\n    urls:\n    - https://example.com/operator-1.5.0.tgz\n    version: 1.5.0\ngenerated: "2026-12-01T10:00:00.25Z"\n',
    );
    scope.done();
  });

  it(`gives up after ${MAX_INDEX_ATTEMPTS} moved heads, saying so`, async () => {
    const scope = api();
    for (let i = 0; i < MAX_INDEX_ATTEMPTS; i++) {
      scope
        .get(`${REPO_PATH}/branches/gh-pages`)
        .reply(200, branch(`h${i}`))
        .get(`${REPO_PATH}/contents/index.yaml`)
        .query({ ref: `h${i}` })
        .reply(200, content(INDEX));
      commitOnBranch(scope, { stale: true });
    }
    expect(await indexCharts(context(), [entry("1.5.0")])).toEqual({
      ok: false,
      problem: "`gh-pages` kept moving while the bot added the chart to `index.yaml` (5 tries)",
    });
    scope.done();
  });

  it("refuses an index.yaml that is not a Helm index, naming the file and branch", async () => {
    const scope = api()
      .get(`${REPO_PATH}/branches/gh-pages`)
      .reply(200, branch("a1"))
      .get(`${REPO_PATH}/contents/index.yaml`)
      .query({ ref: "a1" })
      .reply(200, content("<html></html>\n"));
    expect(await indexCharts(context(), [entry("1.5.0")])).toEqual({
      ok: false,
      problem:
        "`index.yaml` on `gh-pages` is not a Helm repository index (it is not a YAML mapping); fix or remove it",
    });
    scope.done();
  });
});

describe("chartsOfTag", () => {
  const TREE = (extra: object[] = []) => ({
    sha: "tree",
    truncated: false,
    tree: [
      { path: "charts", type: "tree", mode: "040000", sha: "d1" },
      { path: "charts/operator/Chart.yaml", type: "blob", mode: "100644", sha: "b1" },
      ...extra,
    ],
  });
  const CHART = "apiVersion: v2\nname: operator\nversion: 1.5.0\n";
  const TAGGED = { tag: "v1.5.0", commitSha: "abc1234def", again: "/release 1.5" };

  it("refuses a symbolic link in a chart, naming it, and reads no blob", async () => {
    const scope = api()
      .get(`${REPO_PATH}/git/trees/abc1234def`)
      .query({ recursive: "true" })
      .reply(
        200,
        TREE([{ path: "charts/operator/values.yaml", type: "blob", mode: "120000", sha: "l1" }]),
      );
    expect(await chartsOfTag(context(), TAGGED)).toEqual({
      complete: false,
      wrote: false,
      sentence:
        "The chart was not published: `charts/operator/values.yaml` is a symbolic link, and the bot packages regular files only; commit the file itself in the chart. The tag stays as it is; comment `/release 1.5` again to finish once that is fixed.",
    });
    scope.done();
  });

  it("says the tag has no release after reading it three times", async () => {
    const scope = api()
      .get(`${REPO_PATH}/git/trees/abc1234def`)
      .query({ recursive: "true" })
      .reply(200, TREE())
      .get(`${REPO_PATH}/git/blobs/b1`)
      .reply(200, { content: Buffer.from(CHART).toString("base64"), encoding: "base64" })
      .get(`${REPO_PATH}/releases/tags/v1.5.0`)
      .times(3)
      .reply(404, { message: "Not Found" });
    expect(await chartsOfTag(context(), TAGGED)).toMatchObject({
      complete: false,
      sentence: expect.stringContaining(
        "The chart was not published: `v1.5.0` has no GitHub release to attach it to.",
      ),
    });
    scope.done();
  });

  it("says what GitHub answered when a read fails, keeping the tag", async () => {
    const scope = api()
      .get(`${REPO_PATH}/git/trees/abc1234def`)
      .query({ recursive: "true" })
      .reply(500, { message: "Server Error" });
    expect((await chartsOfTag(context(), TAGGED))?.sentence).toBe(
      "The chart was not published: GitHub answered: Server Error. The tag stays as it is; comment `/release 1.5` again to finish once that is fixed.",
    );
    scope.done();
  });

  it("does nothing when charts are not published", async () => {
    const ctx = context();
    expect(
      await chartsOfTag(
        { ...ctx, config: { ...ctx.config, charts: { ...ctx.config.charts, publish: false } } },
        TAGGED,
      ),
    ).toBeNull();
    expect(
      await chartsOfTag({ ...ctx, config: { ...ctx.config, dryRun: true } }, TAGGED),
    ).toBeNull();
  });
});
