import type { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { git, octokitFor, startTestSandbox, statusOf } from "./helpers.js";

let sandbox: Sandbox;
let repo: SandboxRepo;
let octokit: Octokit;
let t: Awaited<ReturnType<typeof startTestSandbox>>;
const owner = "kubeflow";
const name = "spark-operator";

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  repo = await sandbox.createRepo(`${owner}/${name}`, {
    defaultBranch: "master",
    files: {
      VERSION: "v2.4.0\n",
      "charts/spark-operator-chart/Chart.yaml":
        "apiVersion: v2\nname: spark-operator\nversion: 2.4.0\nappVersion: 2.4.0\n",
      "README.md": "# spark-operator\n",
    },
  });
  octokit = octokitFor(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

describe("git data API", () => {
  it("creates blobs, nested trees and commits that git sees", async () => {
    const master = await octokit.rest.git.getRef({ owner, repo: name, ref: "heads/master" });
    const head = master.data.object.sha;
    expect(head).toBe(await git(repo.gitDir, "rev-parse", "refs/heads/master"));
    const headCommit = await octokit.rest.git.getCommit({ owner, repo: name, commit_sha: head });

    const blob = await octokit.rest.git.createBlob({
      owner,
      repo: name,
      content: "v2.5.0-rc.0\n",
      encoding: "utf-8",
    });
    expect(await git(repo.gitDir, "cat-file", "-p", blob.data.sha)).toBe("v2.5.0-rc.0");
    const b64 = await octokit.rest.git.createBlob({
      owner,
      repo: name,
      content: Buffer.from("binary\u0000data").toString("base64"),
      encoding: "base64",
    });
    const gotBlob = await octokit.rest.git.getBlob({ owner, repo: name, file_sha: b64.data.sha });
    expect(Buffer.from(gotBlob.data.content, "base64").toString()).toBe("binary\u0000data");

    const tree = await octokit.rest.git.createTree({
      owner,
      repo: name,
      base_tree: headCommit.data.tree.sha,
      tree: [
        { path: "VERSION", mode: "100644", type: "blob", sha: blob.data.sha },
        {
          path: "charts/spark-operator-chart/Chart.yaml",
          mode: "100644",
          type: "blob",
          content:
            "apiVersion: v2\nname: spark-operator\nversion: 2.5.0-rc.0\nappVersion: 2.5.0-rc.0\n",
        },
        { path: "README.md", mode: "100644", type: "blob", sha: null },
        { path: "bin/tool", mode: "100755", type: "blob", content: "#!/bin/sh\n" },
      ],
    });
    expect(tree.status).toBe(201);
    const listing = await git(repo.gitDir, "ls-tree", "-r", tree.data.sha);
    expect(listing).toContain("VERSION");
    expect(listing).toContain("100755 blob");
    expect(listing).not.toContain("README.md");

    const commit = await octokit.rest.git.createCommit({
      owner,
      repo: name,
      message: "Release v2.5.0-rc.0\n\nSigned-off-by: Bot <bot@example.com>",
      tree: tree.data.sha,
      parents: [head],
      author: { name: "Alice", email: "alice@example.com", date: "2024-05-01T10:00:00+02:00" },
    });
    expect(commit.status).toBe(201);
    expect(commit.data.author.date).toBe("2024-05-01T08:00:00Z");
    expect(commit.data.committer.name).toBe("Alice");
    expect(commit.data.parents.map((p) => p.sha)).toEqual([head]);
    const raw = await git(repo.gitDir, "cat-file", "-p", commit.data.sha);
    expect(raw).toContain(`tree ${tree.data.sha}`);
    expect(raw).toContain(`parent ${head}`);
    expect(raw).toContain("author Alice <alice@example.com> 1714550400 +0200");
    expect(raw).toContain("Signed-off-by: Bot <bot@example.com>");

    const recursive = await octokit.rest.git.getTree({
      owner,
      repo: name,
      tree_sha: tree.data.sha,
      recursive: "1",
    });
    expect(recursive.data.tree.map((e) => e.path)).toContain(
      "charts/spark-operator-chart/Chart.yaml",
    );
    expect(recursive.data.tree.map((e) => e.path)).toContain("charts/spark-operator-chart");

    // Fast-forward master to it.
    const updated = await octokit.rest.git.updateRef({
      owner,
      repo: name,
      ref: "heads/master",
      sha: commit.data.sha,
    });
    expect(updated.data.object.sha).toBe(commit.data.sha);
    expect(await git(repo.gitDir, "rev-parse", "refs/heads/master")).toBe(commit.data.sha);
    expect(await repo.readFile("master", "VERSION")).toBe("v2.5.0-rc.0\n");
  });

  it("creates annotated tags and refs to them", async () => {
    const head = await repo.resolve("master");
    const tag = await octokit.rest.git.createTag({
      owner,
      repo: name,
      tag: "v2.5.0-rc.0",
      message: "v2.5.0-rc.0",
      object: head as string,
      type: "commit",
      tagger: { name: "Release Bot", email: "bot@example.com", date: "2024-05-02T00:00:00Z" },
    });
    expect(tag.status).toBe(201);
    expect(await git(repo.gitDir, "cat-file", "-t", tag.data.sha)).toBe("tag");
    const ref = await octokit.rest.git.createRef({
      owner,
      repo: name,
      ref: "refs/tags/v2.5.0-rc.0",
      sha: tag.data.sha,
    });
    expect(ref.data.object.type).toBe("tag");
    expect(await git(repo.gitDir, "rev-parse", "v2.5.0-rc.0^{commit}")).toBe(head);
    const got = await octokit.rest.git.getTag({ owner, repo: name, tag_sha: tag.data.sha });
    expect(got.data.object.sha).toBe(head);
    expect(got.data.tagger.date).toBe("2024-05-02T00:00:00Z");
  });

  it("422 Reference already exists; 422 Reference does not exist; 404 for missing refs", async () => {
    const head = (await repo.resolve("master")) as string;
    const error = await octokit.rest.git
      .createRef({ owner, repo: name, ref: "refs/heads/master", sha: head })
      .catch((e: { status: number; response: { data: { message: string } } }) => e);
    expect(error).toMatchObject({
      status: 422,
      response: { data: { message: "Reference already exists" } },
    });
    expect(
      await statusOf(octokit.rest.git.deleteRef({ owner, repo: name, ref: "heads/nope" })),
    ).toBe(422);
    expect(await statusOf(octokit.rest.git.getRef({ owner, repo: name, ref: "heads/nope" }))).toBe(
      404,
    );
    expect(
      await statusOf(
        octokit.rest.git.getRef({ owner: "nobody", repo: "nothing", ref: "heads/main" }),
      ),
    ).toBe(404);
  });

  it("matching-refs is a prefix match", async () => {
    const head = (await repo.resolve("master")) as string;
    for (const t of ["v1.5.0", "v1.5.1-rc.0", "v1.50.0", "v1.6.0"]) {
      await octokit.rest.git.createRef({ owner, repo: name, ref: `refs/tags/${t}`, sha: head });
    }
    const matching = await octokit.rest.git.listMatchingRefs({
      owner,
      repo: name,
      ref: "tags/v1.5.",
    });
    expect(matching.data.map((r) => r.ref)).toEqual(["refs/tags/v1.5.0", "refs/tags/v1.5.1-rc.0"]);
    const none = await octokit.rest.git.listMatchingRefs({ owner, repo: name, ref: "tags/v9" });
    expect(none.data).toEqual([]);
  });

  it("ref updates are an atomic compare-and-swap: racing writers get one 200 and one 422", async () => {
    const base = (await repo.resolve("master")) as string;
    await octokit.rest.git.createRef({ owner, repo: name, ref: "refs/heads/race", sha: base });
    const baseTree = (await octokit.rest.git.getCommit({ owner, repo: name, commit_sha: base }))
      .data.tree.sha;
    const makeCommit = async (text: string) => {
      const tree = await octokit.rest.git.createTree({
        owner,
        repo: name,
        base_tree: baseTree,
        tree: [{ path: "race.txt", mode: "100644", type: "blob", content: text }],
      });
      const commit = await octokit.rest.git.createCommit({
        owner,
        repo: name,
        message: text,
        tree: tree.data.sha,
        parents: [base],
      });
      return commit.data.sha;
    };
    for (let round = 0; round < 5; round++) {
      const start = (await repo.resolve("race")) as string;
      const [a, b] = await Promise.all([makeCommit(`a${round}`), makeCommit(`b${round}`)]);
      // both are children of `base`; re-parent onto `start` for the rounds after the first
      const reparent = async (sha: string) => {
        if (start === base) return sha;
        const c = await octokit.rest.git.getCommit({ owner, repo: name, commit_sha: sha });
        return (
          await octokit.rest.git.createCommit({
            owner,
            repo: name,
            message: c.data.message,
            tree: c.data.tree.sha,
            parents: [start],
          })
        ).data.sha;
      };
      const [ra, rb] = await Promise.all([reparent(a), reparent(b)]);
      const statuses = await Promise.all([
        statusOf(octokit.rest.git.updateRef({ owner, repo: name, ref: "heads/race", sha: ra })),
        statusOf(octokit.rest.git.updateRef({ owner, repo: name, ref: "heads/race", sha: rb })),
      ]);
      expect(statuses.sort()).toEqual([200, 422]);
      const now = await git(repo.gitDir, "rev-parse", "refs/heads/race");
      expect([ra, rb]).toContain(now);
    }
  });

  it("force updates may rewind; non-force rewinds are 422 not a fast forward", async () => {
    const head = (await repo.resolve("race")) as string;
    const parent = (await repo.readCommit(head))?.parents[0] as string;
    const error = await octokit.rest.git
      .updateRef({ owner, repo: name, ref: "heads/race", sha: parent })
      .catch((e: { status: number; response: { data: { message: string } } }) => e);
    expect(error).toMatchObject({
      status: 422,
      response: { data: { message: "Update is not a fast forward" } },
    });
    const forced = await octokit.rest.git.updateRef({
      owner,
      repo: name,
      ref: "heads/race",
      sha: parent,
      force: true,
    });
    expect(forced.data.object.sha).toBe(parent);
    expect(
      await statusOf(octokit.rest.git.deleteRef({ owner, repo: name, ref: "heads/race" })),
    ).toBe(204);
    expect(await git(repo.gitDir, "for-each-ref", "refs/heads/race")).toBe("");
  });

  it("422 for a tree entry that refers to a missing object and a commit with a missing parent", async () => {
    expect(
      await statusOf(
        octokit.rest.git.createTree({
          owner,
          repo: name,
          tree: [{ path: "x", mode: "100644", type: "blob", sha: "1".repeat(40) }],
        }),
      ),
    ).toBe(422);
    const tree = (await repo.readCommit("master"))?.tree as string;
    expect(
      await statusOf(
        octokit.rest.git.createCommit({
          owner,
          repo: name,
          message: "x",
          tree,
          parents: ["2".repeat(40)],
        }),
      ),
    ).toBe(422);
  });
});
