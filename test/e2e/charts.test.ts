/**
 * Charts published at the tag, on the local GitHub with the real bot (two replicas, GitHub's
 * rules on, every response checked against GitHub's OpenAPI description and every webhook
 * against its schema): `/branch 1.5` ends with the chart's `.tgz` on the `v1.5.0-rc.0` release
 * and its entry in `index.yaml` on `gh-pages`; two lines released at once both keep their
 * entries; drafts get the chart before `/publish` and the index after; a refused index commit
 * leaves the tag, says so, and `/rc` again finishes it.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { World } from "../world/index.js";
import { commandReply, startValidatingWorld } from "./helpers.js";
import { BOT, turnRulesOn } from "./pick-matrix.helpers.js";

const SHARED = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const SPARK = join(SHARED, "charts/spark-operator@v2.3.0");
const SPARK_INDEX = join(SHARED, "helm-index/spark-operator-gh-pages-index.yaml");
const sharedExists = existsSync(SPARK_INDEX);
if (!sharedExists)
  console.warn(`../shared/fixtures is absent (${SHARED}): the Spark Operator check is skipped`);

let world: World;
let sandbox: Sandbox;
let problems: string[];
let mismatches: string[];
let counter = 0;

beforeAll(async () => {
  ({ world, mismatches } = await startValidatingWorld());
  ({ sandbox, webhookProblems: problems } = world);
});

afterAll(async () => {
  await world?.close();
});

const CHART = `# Copyright 2025 The Kubeflow authors.

apiVersion: v2

name: operator

description: A Helm chart for the operator.

version: 1.4.0

appVersion: 1.4.0
`;

const CHART_FILES: Record<string, string> = {
  "charts/operator/Chart.yaml": CHART,
  "charts/operator/values.yaml": "image:\n  tag: ''\n",
  "charts/operator/.helmignore": "# editor files\n*.swp\nci/\n",
  "charts/operator/templates/deployment.yaml": "kind: Deployment\n",
  "charts/operator/templates/.keep": "\n",
  "charts/operator/ci/test-values.yaml": "ci: true\n",
  "charts/operator/values.yaml.swp": "scratch\n",
};

async function chartRepo(config: string): Promise<{ repo: SandboxRepo; issue: number }> {
  counter += 1;
  const repo = await sandbox.createRepo(`kubeflow/charts-${counter}`, {
    defaultBranch: "master",
    files: {
      VERSION: "v1.4.0\n",
      ...CHART_FILES,
      "main.go": "package main\n",
      ".github/release-bot.yml": config,
    },
  });
  sandbox.setPermission(repo, "maintainer", "maintain");
  turnRulesOn(repo);
  const issue = await repo.openIssue({ title: "Releases", user: "maintainer" });
  return { repo, issue };
}

const command = (repo: SandboxRepo, issue: number, body: string) =>
  commandReply(sandbox, repo, issue, body);

function asset(repo: SandboxRepo, tag: string) {
  const release =
    repo.record.releases.find((r) => r.tagName === tag && !r.draft) ??
    repo.record.releases.find((r) => r.tagName === tag);
  expect(release?.assets).toHaveLength(1);
  const [only] = release?.assets ?? [];
  const json = (repo.release(tag)?.assets as Array<Record<string, unknown>> | undefined)?.[0];
  return { name: only?.name, bytes: only?.bytes as Buffer, url: json?.browser_download_url };
}

async function index(
  repo: SandboxRepo,
): Promise<{ entries: Record<string, Array<Record<string, unknown>>> }> {
  const text = await repo.readFile("gh-pages", "index.yaml");
  expect(text).not.toBeNull();
  return parse(text as string);
}

function gnuTarList(tgz: Buffer): string[] {
  return execFileSync("tar", ["-tz"], { input: tgz, encoding: "utf8" }).trim().split("\n");
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function fix(repo: SandboxRepo, branch: string, file: string): Promise<void> {
  await repo.commit({
    branch,
    files: { [file]: "package main\n" },
    message: `Fix ${file}`,
    as: "maintainer",
  });
  await sandbox.idle();
}

describe("charts.publish: gh-pages", () => {
  it("/branch 1.5 ends with the chart on the v1.5.0-rc.0 release and its entry on gh-pages", async () => {
    const { repo, issue } = await chartRepo("charts:\n  publish: gh-pages\n");
    const reply = await command(repo, issue, "/branch 1.5");
    const chart = asset(repo, "v1.5.0-rc.0");
    expect(chart.name).toBe("operator-1.5.0-rc.0.tgz");
    expect(gnuTarList(chart.bytes)).toEqual([
      "operator/Chart.yaml",
      "operator/values.yaml",
      "operator/templates/deployment.yaml",
      "operator/.helmignore",
    ]);
    expect(
      execFileSync("tar", ["-xzO", "operator/Chart.yaml"], {
        input: chart.bytes,
        encoding: "utf8",
      }),
    ).toBe(
      "apiVersion: v2\nappVersion: 1.5.0-rc.0\ndescription: A Helm chart for the operator.\nname: operator\nversion: 1.5.0-rc.0\n",
    );
    const entries = (await index(repo)).entries.operator;
    expect(entries).toEqual([
      {
        apiVersion: "v2",
        appVersion: "1.5.0-rc.0",
        created: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
        description: "A Helm chart for the operator.",
        digest: sha256(chart.bytes),
        name: "operator",
        urls: [chart.url],
        version: "1.5.0-rc.0",
      },
    ]);
    expect(chart.url).toBe(
      `https://github.com/${repo.fullName}/releases/download/v1.5.0-rc.0/operator-1.5.0-rc.0.tgz`,
    );
    expect(reply).toContain("Tagged release candidate [`v1.5.0-rc.0`]");
    expect(reply).toContain(
      `Chart [\`operator-1.5.0-rc.0.tgz\`](${chart.url}) is on the release and in the Helm repository ([\`index.yaml\`](https://github.com/${repo.fullName}/blob/gh-pages/index.yaml) on \`gh-pages\` (a new branch: let GitHub Pages serve it)).`,
    );
    // gh-pages: one commit of its own history, the index alone.
    expect(await repo.listFiles("gh-pages")).toEqual(["index.yaml"]);
    const pages = await repo.git("rev-list", "gh-pages");
    expect(pages.trim().split("\n")).toHaveLength(1);

    // The command's webhook redelivered, one after another and at once: one asset, one entry.
    const guid = sandbox.webhooks
      .find({ event: "issue_comment", action: "created" })
      .filter(
        (d) => !d.redelivery && (d.payload.comment as { body?: string }).body === "/branch 1.5",
      )
      .at(-1)?.guid as string;
    for (let i = 0; i < 3; i++) {
      sandbox.webhooks.redeliver(guid);
      await sandbox.idle();
    }
    for (let i = 0; i < 3; i++) sandbox.webhooks.redeliver(guid);
    await sandbox.idle();
    expect(repo.record.releases.flatMap((r) => r.assets)).toHaveLength(1);
    expect((await index(repo)).entries.operator).toHaveLength(1);
    expect((await repo.git("rev-list", "gh-pages")).trim().split("\n")).toHaveLength(1);

    // Asked again with nothing new: the same refusal as ever, and nothing more is written.
    const again = await command(repo, issue, "/rc 1.5");
    expect(again).toContain("Nothing changed on");
    expect((await repo.git("rev-list", "gh-pages")).trim().split("\n")).toHaveLength(1);
    expect(repo.record.releases.flatMap((r) => r.assets)).toHaveLength(1);
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 120_000);

  it("costs 6 + F reads and C + 1 writes more per tag than the same /rc without charts (docs/performance.md)", async () => {
    /** The bot's calls for one `/rc 1.5`, from the comment to the quiet after its reply. */
    async function rcCalls(config: string) {
      const { repo, issue } = await chartRepo(`dashboard:\n  enabled: false\n${config}`);
      await command(repo, issue, "/branch 1.5");
      await fix(repo, "release-1.5", "five.go");
      const from = sandbox.requests.length;
      expect(await command(repo, issue, "/rc 1.5")).toContain("Tagged release candidate");
      const calls = sandbox.requests.slice(from).filter((r) => r.actor === sandbox.app.botLogin);
      const writes = calls.filter((r) => r.method !== "GET" && r.graphql !== "query");
      return { calls: calls.length, writes: writes.length };
    }
    const without = await rcCalls("charts:\n  publish: false\n");
    const withCharts = await rcCalls("charts:\n  publish: gh-pages\n");
    // One chart (C = 1) whose directory holds F = 7 files, .helmignore'd ones included.
    const F = Object.keys(CHART_FILES).length;
    expect(withCharts.writes - without.writes).toBe(1 + 1);
    expect(withCharts.calls - without.calls - (withCharts.writes - without.writes)).toBe(6 + F);
    console.info(
      `/rc 1.5 without charts ${JSON.stringify(without)}, with ${JSON.stringify(withCharts)}`,
    );
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 120_000);

  it("keeps both entries when two lines are released at once", async () => {
    const { repo, issue } = await chartRepo("charts:\n  publish: gh-pages\n");
    await command(repo, issue, "/branch 1.4");
    await command(repo, issue, "/branch 1.5");
    await fix(repo, "release-1.4", "four.go");
    await fix(repo, "release-1.5", "five.go");
    sandbox.clearRequests();
    const first = await repo.comment(issue, "/rc 1.4", { as: "maintainer" });
    await repo.comment(issue, "/rc 1.5", { as: "maintainer" });
    await sandbox.idle();
    const replies = repo
      .comments(issue)
      .filter((c) => c.id > first.id && (c.user as { login?: string }).login === BOT);
    expect(replies).toHaveLength(2);
    for (const reply of replies)
      expect(reply.body).toContain("is on the release and in the Helm repository");
    const versions = (await index(repo)).entries.operator?.map((e) => e.version);
    expect(versions).toEqual(["1.5.0-rc.1", "1.5.0-rc.0", "1.4.0-rc.1", "1.4.0-rc.0"]);
    for (const tag of ["v1.4.0-rc.1", "v1.5.0-rc.1"]) {
      const chart = asset(repo, tag);
      const entry = (await index(repo)).entries.operator?.find((e) => `v${e.version}` === tag);
      expect(entry?.digest).toBe(sha256(chart.bytes));
    }
    // One index commit per tag, each on the head before it (createCommitOnBranch refuses a
    // moved head with STALE_DATA, and the loser reads the index again).
    expect(await repo.git("rev-list", "--count", "gh-pages")).toBe("4\n");
    expect(await repo.git("rev-list", "--merges", "gh-pages")).toBe("");
    // Four commits in a line: none replaced another's.
    const log = (await repo.git("log", "--format=%s", "gh-pages")).trim().split("\n");
    expect([...log].sort()).toEqual([
      "Add operator-1.4.0-rc.0 to the Helm repository index",
      "Add operator-1.4.0-rc.1 to the Helm repository index",
      "Add operator-1.5.0-rc.0 to the Helm repository index",
      "Add operator-1.5.0-rc.1 to the Helm repository index",
    ]);
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 180_000);

  it("attaches the chart to the draft before /publish and lists it once published (immutable releases)", async () => {
    const { repo, issue } = await chartRepo(
      "charts:\n  publish: gh-pages\nrelease:\n  publish: draft\n",
    );
    repo.setRules({ immutableReleases: true });
    const reply = await command(repo, issue, "/branch 1.5");
    expect(reply).toContain(
      "is attached to the draft; the Helm repository (`index.yaml` on `gh-pages`) lists it once the release is published.",
    );
    expect(repo.release("v1.5.0-rc.0")).toMatchObject({ draft: true });
    expect(asset(repo, "v1.5.0-rc.0").name).toBe("operator-1.5.0-rc.0.tgz");
    expect(await repo.resolve("gh-pages")).toBeNull();

    const published = await command(repo, issue, "/publish 1.5.0-rc.0");
    expect(repo.release("v1.5.0-rc.0")).toMatchObject({ draft: false, immutable: true });
    const chart = asset(repo, "v1.5.0-rc.0");
    expect(published).toContain("is published");
    expect(published).toContain(
      `Chart [\`operator-1.5.0-rc.0.tgz\`](${chart.url}) is on the release and in the Helm repository`,
    );
    const [entry] = (await index(repo)).entries.operator ?? [];
    expect(entry).toMatchObject({
      version: "1.5.0-rc.0",
      digest: sha256(chart.bytes),
      urls: [chart.url],
    });
    expect(chart.url).toContain("/releases/download/v1.5.0-rc.0/");
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 120_000);

  it("keeps the tag when GitHub refuses the index commit, says so, and /rc again finishes it", async () => {
    const { repo, issue } = await chartRepo("charts:\n  publish: gh-pages\n");
    const existing =
      'apiVersion: v1\nentries:\n  other:\n  - name: other\n    urls:\n    - https://example.com/other-0.1.0.tgz\n    version: 0.1.0\ngenerated: "2025-01-01T00:00:00Z"\n';
    await repo
      .commit({ branch: "master", files: {}, message: "noop", as: "maintainer" })
      .catch(() => undefined);
    await repo.createBranch("gh-pages", "master", { as: "maintainer" });
    await repo.commit({
      branch: "gh-pages",
      files: { "index.yaml": existing },
      message: "Helm repository",
      as: "maintainer",
    });
    repo.addRuleset({ name: "pages", branches: ["gh-pages"], pullRequest: true });
    await sandbox.idle();

    const reply = await command(repo, issue, "/branch 1.5");
    expect(await repo.resolve("v1.5.0-rc.0")).not.toBeNull();
    expect(asset(repo, "v1.5.0-rc.0").name).toBe("operator-1.5.0-rc.0.tgz");
    expect(reply).toContain("Tagged release candidate [`v1.5.0-rc.0`]");
    expect(reply).toContain(
      "The chart was not published: GitHub refused the commit to `gh-pages`:",
    );
    expect(reply).toContain(
      "The tag stays as it is; comment `/rc 1.5` again to finish once that is fixed.",
    );
    expect(await repo.readFile("gh-pages", "index.yaml")).toBe(existing);

    repo.record.rules.rulesets = repo.record.rules.rulesets.filter((r) => r.name !== "pages");
    const finished = await command(repo, issue, "/rc 1.5");
    expect(finished).toContain("was tagged on");
    expect(finished).toContain("by an earlier run. Chart [`operator-1.5.0-rc.0.tgz`]");
    const text = (await repo.readFile("gh-pages", "index.yaml")) as string;
    // The other chart's lines are kept byte for byte; the new entry sits before them.
    expect(text.startsWith("apiVersion: v1\nentries:\n  operator:\n  - apiVersion: v2\n")).toBe(
      true,
    );
    expect(text).toContain(
      "  other:\n  - name: other\n    urls:\n    - https://example.com/other-0.1.0.tgz\n    version: 0.1.0\n",
    );
    expect(repo.record.releases.flatMap((r) => r.assets)).toHaveLength(1);
    expect(await command(repo, issue, "/rc 1.5")).toContain("Nothing changed on");
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 120_000);

  it("says in a dry run what would happen to the chart, and writes nothing", async () => {
    const { repo, issue } = await chartRepo("charts:\n  publish: gh-pages\ndryRun: true\n");
    await repo.createBranch("release-1.5", "master", { as: "maintainer" });
    await sandbox.idle();
    const reply = await command(repo, issue, "/rc 1.5");
    expect(reply).toContain(
      "After the tag it would package each managed chart, attach it to the release and add it to `index.yaml` on `gh-pages` (`charts.publish`).",
    );
    expect(await repo.resolve("gh-pages")).toBeNull();
    expect(repo.releases()).toEqual([]);
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 60_000);

  it.skipIf(!sharedExists)(
    "writes Kubeflow Spark Operator's 2.3.0-rc.0 entry into its real index as its workflow did (../shared)",
    async () => {
      const fixture = (path: string) => readFileSync(join(SPARK, path), "utf8");
      const asOfLastLine = (text: string) =>
        text.replaceAll("2.3.0", "2.2.0").replaceAll("2.3.0--rc", "2.2.0--rc");
      const real = readFileSync(SPARK_INDEX, "utf8");
      const lines = real.split("\n");
      const end = lines.indexOf("    version: 2.3.0-rc.0");
      let start = end;
      while (!lines[start]?.startsWith("  - ")) start -= 1;
      const withoutRc0 = [...lines.slice(0, start), ...lines.slice(end + 1)].join("\n");

      const repo = await sandbox.createRepo("kubeflow/spark-operator", {
        defaultBranch: "master",
        files: {
          VERSION: asOfLastLine(fixture("VERSION")),
          "charts/spark-operator-chart/Chart.yaml": asOfLastLine(
            fixture("charts/spark-operator-chart/Chart.yaml"),
          ),
          "charts/spark-operator-chart/values.yaml": fixture(
            "charts/spark-operator-chart/values.yaml",
          ),
          "charts/spark-operator-chart/README.md": asOfLastLine(
            fixture("charts/spark-operator-chart/README.md"),
          ),
          ".github/release-bot.yml":
            'charts:\n  paths: ["charts/spark-operator-chart/Chart.yaml"]\n  publish: gh-pages\n',
        },
      });
      sandbox.setPermission(repo, "maintainer", "maintain");
      await repo.createBranch("gh-pages", "master", { as: "maintainer" });
      await repo.commit({
        branch: "gh-pages",
        files: { "index.yaml": withoutRc0 },
        message: "index",
        as: "maintainer",
      });
      const issue = await repo.openIssue({ title: "Release 2.3", user: "maintainer" });
      const reply = await command(repo, issue, "/branch 2.3");
      expect(reply).toContain("Chart [`spark-operator-2.3.0-rc.0.tgz`]");

      const chart = asset(repo, "v2.3.0-rc.0");
      const written = (await repo.readFile("gh-pages", "index.yaml")) as string;
      const entry = parse(written).entries["spark-operator"].find(
        (e: { version: string }) => e.version === "2.3.0-rc.0",
      );
      const realEntry = parse(real).entries["spark-operator"].find(
        (e: { version: string }) => e.version === "2.3.0-rc.0",
      );
      const { created: _c, digest, ...fields } = entry;
      const { created: _rc, digest: _rd, ...realFields } = realEntry;
      expect(fields).toEqual(realFields);
      expect(digest).toBe(sha256(chart.bytes));
      // The whole file is the real one but for this entry's created and digest, and generated.
      const generated = /^generated: .*$/m.exec(written)?.[0] as string;
      expect(written).toBe(
        real
          .replace(realEntry.digest, digest)
          .replace(`created: "${realEntry.created}"`, `created: "${entry.created}"`)
          .replace(/^generated: .*$/m, generated),
      );
      expect(problems.splice(0)).toEqual([]);
      expect(mismatches.splice(0)).toEqual([]);
    },
    120_000,
  );
});
