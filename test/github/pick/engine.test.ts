/**
 * The API pick engine against GitHub's REST API (nock): the commits, merges and refs GitHub
 * receives, in order, and what the engine concludes from GitHub's answers. Every scope is
 * consumed: a call missing or extra fails the test.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import type { PickCommit } from "../../../src/core/pick/plan.js";
import { cherryPick, type PickRequest } from "../../../src/github/pick/engine.js";
import { api, github, REPO_PATH, repo } from "../octokit.js";

const sha = (c: string) => c.repeat(40);
const H = sha("h");
const HT = sha("9");
const P = sha("0");
const C1 = sha("1");
const C2 = sha("2");
const C3 = sha("3");
const S = sha("5");
const S2 = sha("6");
const R1 = sha("a");
const R2 = sha("b");
const M1 = sha("c");
const M2 = sha("d");
const T1 = sha("e");
const T2 = sha("f");
const PICK_BRANCH = "cherry-pick-7-to-release-1.5";
const NOW = Date.parse("2026-03-01T12:00:00Z");

const ana = { name: "Ana", email: "ana@example.com", date: "2026-02-01T10:00:00Z" };
const app = { name: "release-bot[bot]", email: "41+release-bot[bot]@users.noreply.github.com" };

const commit = (commitSha: string, parentSha: string, message: string): PickCommit => ({
  sha: commitSha,
  parentSha,
  message,
  author: ana,
});

function request(commits: PickCommit[], extra: Partial<PickRequest> = {}): PickRequest {
  return {
    branch: "release-1.5",
    head: { sha: H, treeSha: HT } as PickRequest["head"],
    pickBranch: PICK_BRANCH,
    commits,
    now: () => NOW,
    ...extra,
  };
}

const TEMPORARY = /^refs\/heads\/release-bot\/tmp\/cherry-pick-7-to-release-1\.5\/[0-9a-f]{8}$/;

/** The bodies GitHub received, by call, and the temporary branches the engine created. */
interface Seen {
  bodies: Array<{ call: string; body: Record<string, unknown> }>;
  temporaries: string[];
}

function recorder(): Seen {
  return { bodies: [], temporaries: [] };
}

function record(seen: Seen, call: string) {
  return (body: Record<string, unknown>) => {
    seen.bodies.push({ call, body });
    return true;
  };
}

/** The temporary commit and branch a run of picks starts from; `nodeId` as GitHub answers it. */
function sibling(scope: nock.Scope, seen: Seen, siblingSha: string, nodeId?: string) {
  return scope
    .post(`${REPO_PATH}/git/commits`, record(seen, "sibling"))
    .reply(201, { sha: siblingSha, committer: { ...app, date: "2026-03-01T12:00:00Z" } })
    .post(`${REPO_PATH}/git/refs`, (body: { ref: string }) => {
      if (!TEMPORARY.test(body.ref)) return false;
      seen.temporaries.push(body.ref.replace("refs/heads/", ""));
      seen.bodies.push({ call: "temporary ref", body });
      return true;
    })
    .reply(201, nodeId === undefined ? {} : { node_id: nodeId });
}

function merge(
  scope: nock.Scope,
  seen: Seen,
  head: string,
  result: { sha: string; parent: string; tree: string },
) {
  return scope
    .post(`${REPO_PATH}/merges`, (body: { head: string }) => {
      if (body.head !== head) return false;
      seen.bodies.push({ call: "merge", body });
      return true;
    })
    .reply(201, {
      sha: result.sha,
      parents: [{ sha: result.parent }, { sha: head }],
      commit: { tree: { sha: result.tree } },
    });
}

function realCommit(scope: nock.Scope, seen: Seen, resultSha: string) {
  return scope
    .post(`${REPO_PATH}/git/commits`, record(seen, "commit"))
    .reply(201, { sha: resultSha, committer: app });
}

function deleteTemporaries(scope: nock.Scope, seen: Seen, count = 1, status = 204) {
  return scope
    .delete(
      (path) =>
        path.startsWith(`${REPO_PATH}/git/refs/${encodeURIComponent("heads/release-bot/tmp/")}`) &&
        seen.temporaries.some((t) => path.endsWith(encodeURIComponent(`heads/${t}`))),
    )
    .times(count)
    .reply(status);
}

const picked = (commitSha: string) => `(cherry picked from commit ${commitSha})`;

/** The temporary branch as `GET branches/{branch}` shows it, read after a lost merge answer. */
function temporaryHead(
  scope: nock.Scope,
  seen: Seen,
  head: { sha: string; parents: string[]; tree?: string },
) {
  return scope
    .get((path) =>
      seen.temporaries.some((t) => path === `${REPO_PATH}/branches/${encodeURIComponent(t)}`),
    )
    .reply(200, {
      commit: {
        sha: head.sha,
        parents: head.parents.map((parent) => ({ sha: parent })),
        commit: { tree: { sha: head.tree ?? HT } },
      },
    });
}

describe("cherryPick: two commits of a rebase merge", () => {
  it("merges each commit into a temporary branch and commits the result onto the target, then makes the pick branch", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: T1 });
    realCommit(scope, seen, R1);
    merge(scope, seen, C2, { sha: M2, parent: M1, tree: T2 });
    realCommit(scope, seen, R2);
    scope.post(`${REPO_PATH}/git/refs`, record(seen, "pick branch")).reply(201, {});
    deleteTemporaries(scope, seen);

    const result = await cherryPick(
      github(),
      repo,
      request([
        commit(C1, P, "Fix the webhook"),
        commit(C2, C1, "Test the webhook\n\nSigned-off-by: Ana <ana@example.com>"),
      ]),
    );

    expect(result).toEqual({ status: "picked", sha: R2, picked: [C1, C2], empty: [] });
    scope.done();
    const [temporary] = seen.temporaries;
    const committer = { ...app, date: "2026-03-01T12:00:00.000Z" };
    expect(seen.bodies.map((b) => b.call)).toEqual([
      "sibling",
      "temporary ref",
      "merge",
      "commit",
      "merge",
      "commit",
      "pick branch",
    ]);
    const [first, ref, merge1, commit1, merge2, commit2, pickBranch] = seen.bodies.map(
      (b) => b.body,
    );
    expect(first).toEqual({
      message: expect.stringMatching(
        new RegExp(
          `^release-bot: temporary commit to pick ${C1} onto release-1\\.5\\n\\nattempt [0-9a-f-]{36}$`,
        ),
      ),
      tree: HT,
      parents: [P],
    });
    expect(ref).toEqual({ ref: `refs/heads/${temporary}`, sha: S });
    expect(merge1).toEqual({
      base: temporary,
      head: C1,
      commit_message: `release-bot: temporary merge of ${C1}`,
    });
    expect(commit1).toEqual({
      message: `Fix the webhook\n\n${picked(C1)}\n`,
      tree: T1,
      parents: [H],
      author: ana,
      committer,
    });
    expect(merge2).toEqual({
      base: temporary,
      head: C2,
      commit_message: `release-bot: temporary merge of ${C2}`,
    });
    expect(commit2).toEqual({
      message: `Test the webhook\n\nSigned-off-by: Ana <ana@example.com>\n${picked(C2)}\n`,
      tree: T2,
      parents: [R1],
      author: ana,
      committer,
    });
    expect(pickBranch).toEqual({ ref: `refs/heads/${PICK_BRANCH}`, sha: R2 });
  });
});

describe("cherryPick: signed commits", () => {
  it("gives GitHub no author or committer to sign, and keeps the author as a co-author", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: T1 });
    realCommit(scope, seen, R1);
    scope
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${PICK_BRANCH}`, sha: R1 })
      .reply(201, {});
    deleteTemporaries(scope, seen);

    const result = await cherryPick(
      github(),
      repo,
      request([commit(C1, P, "Fix the webhook")], { signed: true }),
    );

    expect(result).toEqual({ status: "picked", sha: R1, picked: [C1], empty: [] });
    scope.done();
    expect(seen.bodies.find((b) => b.call === "commit")?.body).toEqual({
      message: `Fix the webhook\n\n${picked(C1)}\nCo-authored-by: Ana <ana@example.com>\n`,
      tree: T1,
      parents: [H],
    });
  });

  it("names no author when the commit has none, unsigned", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: T1 });
    realCommit(scope, seen, R1);
    scope
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${PICK_BRANCH}`, sha: R1 })
      .reply(201, {});
    deleteTemporaries(scope, seen);

    await cherryPick(github(), repo, request([{ ...commit(C1, P, "Fix"), author: null }]));

    scope.done();
    expect(seen.bodies.find((b) => b.call === "commit")?.body).toEqual({
      message: `Fix\n\n${picked(C1)}\n`,
      tree: T1,
      parents: [H],
      committer: { ...app, date: "2026-03-01T12:00:00.000Z" },
    });
  });
});

describe("cherryPick: commits already on the branch", () => {
  it("skips a commit whose merge leaves the tree as it was, and one GitHub finds merged already", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: HT });
    scope.post(`${REPO_PATH}/merges`, (body: { head: string }) => body.head === C2).reply(204);
    merge(scope, seen, C3, { sha: M2, parent: M1, tree: T2 });
    realCommit(scope, seen, R1);
    scope
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${PICK_BRANCH}`, sha: R1 })
      .reply(201, {});
    deleteTemporaries(scope, seen);

    const result = await cherryPick(
      github(),
      repo,
      request([commit(C1, P, "One"), commit(C2, C1, "Two"), commit(C3, C2, "Three")]),
    );

    expect(result).toEqual({ status: "picked", sha: R1, picked: [C3], empty: [C1, C2] });
    scope.done();
    expect(seen.bodies.find((b) => b.call === "commit")?.body).toMatchObject({
      message: `Three\n\n${picked(C3)}\n`,
      tree: T2,
      parents: [H],
    });
  });

  it("makes no pick branch when every commit is on the branch", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: HT });
    deleteTemporaries(scope, seen);

    expect(await cherryPick(github(), repo, request([commit(C1, P, "One")]))).toEqual({
      status: "empty",
    });
    scope.done();
  });
});

describe("cherryPick: a merge inside the pull request", () => {
  it("starts a new temporary branch on the next commit's parent, with the picks so far", async () => {
    const seen = recorder();
    const scope = api();
    const OTHER = sha("7");
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: T1 });
    realCommit(scope, seen, R1);
    sibling(scope, seen, S2);
    merge(scope, seen, C2, { sha: M2, parent: S2, tree: T2 });
    realCommit(scope, seen, R2);
    scope
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${PICK_BRANCH}`, sha: R2 })
      .reply(201, {});
    deleteTemporaries(scope, seen, 2);

    const result = await cherryPick(
      github(),
      repo,
      request([commit(C1, P, "One"), commit(C2, OTHER, "Two")]),
    );

    expect(result).toEqual({ status: "picked", sha: R2, picked: [C1, C2], empty: [] });
    scope.done();
    expect(seen.temporaries).toHaveLength(2);
    expect(seen.temporaries[0]).not.toBe(seen.temporaries[1]);
    const siblings = seen.bodies.filter((b) => b.call === "sibling").map((b) => b.body);
    expect(siblings[1]).toMatchObject({ tree: T1, parents: [OTHER] });
    const merges = seen.bodies.filter((b) => b.call === "merge").map((b) => b.body.base);
    expect(merges).toEqual(seen.temporaries);
    const commits = seen.bodies.filter((b) => b.call === "commit").map((b) => b.body);
    expect(commits[1]).toMatchObject({ tree: T2, parents: [R1], committer: { ...app } });
  });
});

describe("cherryPick: conflicts and failures", () => {
  it("stops at the commit whose merge conflicts, makes no pick branch and removes the temporary branch", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: T1 });
    realCommit(scope, seen, R1);
    scope
      .post(`${REPO_PATH}/merges`, (body: { head: string }) => body.head === C2)
      .reply(409, { message: "Merge conflict" });
    deleteTemporaries(scope, seen);

    const second = commit(C2, C1, "Two");
    expect(await cherryPick(github(), repo, request([commit(C1, P, "One"), second]))).toEqual({
      status: "conflict",
      commit: second,
    });
    scope.done();
  });

  it("fails on any other 409 or error of the merge, still removing the temporary branch", async () => {
    for (const [status, message] of [
      [409, "Conflict"],
      [500, "Server Error"],
    ] as const) {
      const seen = recorder();
      const scope = api();
      sibling(scope, seen, S);
      scope.post(`${REPO_PATH}/merges`).reply(status, { message });
      // After a 5xx the merge may have happened: the temporary branch shows whether it did.
      if (status === 500) temporaryHead(scope, seen, { sha: S, parents: [P] });
      deleteTemporaries(scope, seen);

      await expect(
        cherryPick(github(), repo, request([commit(C1, P, "One")])),
      ).rejects.toMatchObject({
        status,
      });
      scope.done();
    }
  });

  it("finds a merge whose answer GitHub lost on the temporary branch, and picks the commit", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    scope.post(`${REPO_PATH}/merges`).reply(502, { message: "Server Error" });
    temporaryHead(scope, seen, { sha: M1, parents: [S, C1], tree: T1 });
    realCommit(scope, seen, R1);
    scope.post(`${REPO_PATH}/git/refs`, record(seen, "pick branch")).reply(201, {});
    deleteTemporaries(scope, seen);

    expect(await cherryPick(github(), repo, request([commit(C1, P, "One")]))).toEqual({
      status: "picked",
      sha: R1,
      picked: [C1],
      empty: [],
    });
    scope.done();
    const real = seen.bodies.find((b) => b.call === "commit")?.body;
    expect(real).toMatchObject({ tree: T1, parents: [H] });
  });

  it("never takes a 204 after a lost answer for a commit already on the branch", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    scope.post(`${REPO_PATH}/merges`).reply(502, { message: "Server Error" });
    // The branch does not show the merge yet; sent again, GitHub finds nothing to merge.
    temporaryHead(scope, seen, { sha: S, parents: [P] });
    scope.post(`${REPO_PATH}/merges`).reply(204);
    temporaryHead(scope, seen, { sha: S, parents: [P] });
    deleteTemporaries(scope, seen);

    const withRetries = Object.assign(github(), {
      writeRetries: { attempts: 2, waitMs: () => 0 },
    });
    await expect(cherryPick(withRetries, repo, request([commit(C1, P, "One")]))).rejects.toThrow(
      /GitHub lost its answer to the merge of 1{40} into .* found nothing to merge/,
    );
    scope.done();
  });

  it("fails when something else moved the temporary branch", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: sha("8"), tree: T1 });
    deleteTemporaries(scope, seen);

    await expect(cherryPick(github(), repo, request([commit(C1, P, "One")]))).rejects.toThrow(
      /^release-bot\/tmp\/cherry-pick-7-to-release-1\.5\/[0-9a-f]{8} moved under the pick: it is release-bot's alone$/,
    );
    scope.done();
  });

  it("keeps the result when the temporary branch cannot be removed", async () => {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: HT });
    deleteTemporaries(scope, seen, 1, 500);

    expect(await cherryPick(github(), repo, request([commit(C1, P, "One")]))).toEqual({
      status: "empty",
    });
    scope.done();
  });
});

describe("cherryPick: the pick branch exists already", () => {
  /** One commit picked to R1; the pick branch's creation answers `status`. */
  function pickOne(status: number, message: string) {
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: T1 });
    realCommit(scope, seen, R1);
    scope
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${PICK_BRANCH}`, sha: R1 })
      .reply(status, { message });
    deleteTemporaries(scope, seen);
    return scope;
  }

  function branchHead(scope: nock.Scope, head: string, message: string) {
    return scope
      .get(`${REPO_PATH}/branches/${PICK_BRANCH}`)
      .reply(200, { name: PICK_BRANCH, commit: { sha: head, commit: { message } } });
  }

  const exists = "Reference already exists";

  it("takes a branch at the same commit for its own pick", async () => {
    const scope = pickOne(422, exists);
    branchHead(scope, R1, "anything");
    expect(await cherryPick(github(), repo, request([commit(C1, P, "One")]))).toEqual({
      status: "picked",
      sha: R1,
      picked: [C1],
      empty: [],
    });
    scope.done();
  });

  it("takes a branch gone again for its own pick", async () => {
    const scope = pickOne(422, exists);
    scope.get(`${REPO_PATH}/branches/${PICK_BRANCH}`).reply(404, { message: "Branch not found" });
    expect(await cherryPick(github(), repo, request([commit(C1, P, "One")]))).toMatchObject({
      status: "picked",
      sha: R1,
    });
    scope.done();
  });

  it("finds the finished pick of another delivery and leaves it", async () => {
    const scope = pickOne(422, exists);
    branchHead(scope, R2, `One\n\n${picked(C1)}\n`);
    expect(await cherryPick(github(), repo, request([commit(C1, P, "One")]))).toEqual({
      status: "finished",
      sha: R2,
    });
    scope.done();
  });

  it("leaves a branch of commits release-bot did not make alone", async () => {
    const scope = pickOne(422, exists);
    branchHead(scope, R2, `One\n\n${picked(C2)}\n`);
    expect(await cherryPick(github(), repo, request([commit(C1, P, "One")]))).toEqual({
      status: "foreign",
      sha: R2,
    });
    scope.done();
  });

  it("replaces a finished pick on a retry after its pull request was closed", async () => {
    const scope = pickOne(422, exists);
    branchHead(scope, R2, `One\n\n${picked(C1)}\n`);
    scope
      .delete(`${REPO_PATH}/git/refs/${encodeURIComponent(`heads/${PICK_BRANCH}`)}`)
      .reply(204)
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${PICK_BRANCH}`, sha: R1 })
      .reply(201, {});
    expect(
      await cherryPick(github(), repo, request([commit(C1, P, "One")], { reset: true })),
    ).toEqual({ status: "picked", sha: R1, picked: [C1], empty: [] });
    scope.done();
  });

  /** The read that follows a lost answer to the pick branch's creation. */
  function pickRef(scope: nock.Scope, at: string | null) {
    const path = `${REPO_PATH}/git/ref/${encodeURIComponent(`heads/${PICK_BRANCH}`)}`;
    if (at === null) scope.get(path).reply(404, { message: "Not Found" });
    else scope.get(path).reply(200, { node_id: "REF_1", object: { sha: at, type: "commit" } });
  }

  it("takes a creation whose answer was lost for success when the branch is at the pick", async () => {
    const scope = pickOne(502, "Bad Gateway");
    pickRef(scope, R1);
    expect(await cherryPick(github(), repo, request([commit(C1, P, "One")]))).toMatchObject({
      status: "picked",
      sha: R1,
    });
    scope.done();
  });

  it("fails when a creation whose answer was lost left no branch or another one", async () => {
    for (const found of [null, R2]) {
      const scope = pickOne(502, "Bad Gateway");
      pickRef(scope, found);
      await expect(
        cherryPick(github(), repo, request([commit(C1, P, "One")])),
      ).rejects.toMatchObject({ status: 502 });
      scope.done();
    }
  });

  it("fails when the branch cannot be read", async () => {
    const scope = pickOne(422, exists);
    scope.get(`${REPO_PATH}/branches/${PICK_BRANCH}`).reply(500, { message: "Server Error" });
    await expect(cherryPick(github(), repo, request([commit(C1, P, "One")]))).rejects.toMatchObject(
      {
        status: 500,
      },
    );
    scope.done();
  });
});

describe("cherryPick: a finished pick of several commits", () => {
  it("knows its own pick by the last commit's line, even when that commit was a pick itself", async () => {
    const OLD = sha("4");
    const seen = recorder();
    const scope = api();
    sibling(scope, seen, S);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: T1 });
    realCommit(scope, seen, R1);
    merge(scope, seen, C2, { sha: M2, parent: M1, tree: T2 });
    realCommit(scope, seen, R2);
    scope
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${PICK_BRANCH}`, sha: R2 })
      .reply(422, { message: "Reference already exists" })
      .get(`${REPO_PATH}/branches/${PICK_BRANCH}`)
      .reply(200, {
        name: PICK_BRANCH,
        commit: { sha: H, commit: { message: `Two\n\n${picked(OLD)}\n${picked(C2)}\n` } },
      });
    deleteTemporaries(scope, seen);

    const result = await cherryPick(
      github(),
      repo,
      request([commit(C1, P, "One"), commit(C2, C1, `Two\n\n${picked(OLD)}`)]),
    );

    expect(result).toEqual({ status: "finished", sha: H });
    scope.done();
  });
});

describe("cherryPick: the pick branch made and the temporary one removed in one GraphQL request", () => {
  const REPOSITORY_ID = "R_kgDOrepository";
  const TEMPORARY_ID = "REF_temporary";

  /** One commit merged and committed on a temporary branch GitHub gave a node id. */
  function pickOne(scope: nock.Scope, seen: Seen, nodeId: string | null = TEMPORARY_ID) {
    sibling(scope, seen, S, nodeId ?? undefined);
    merge(scope, seen, C1, { sha: M1, parent: S, tree: T1 });
    realCommit(scope, seen, R1);
  }

  function finish(scope: nock.Scope, seen: Seen, data: object, errors?: object[]) {
    scope
      .post("/graphql", record(seen, "graphql"))
      .reply(200, errors === undefined ? { data } : { data, errors });
  }

  const created = { ref: { name: PICK_BRANCH } };

  it("sends the pick branch at the last real commit and the temporary branch's id, and nothing over REST", async () => {
    const seen = recorder();
    const scope = api();
    pickOne(scope, seen);
    finish(scope, seen, { pick: created, temporary: { clientMutationId: null } });

    const result = await cherryPick(
      github(),
      repo,
      request([commit(C1, P, "One")], { repositoryId: REPOSITORY_ID }),
    );

    scope.done();
    expect(result).toEqual({ status: "picked", sha: R1, picked: [C1], empty: [] });
    const graphql = seen.bodies.find((b) => b.call === "graphql")?.body;
    expect(graphql?.variables).toEqual({
      repositoryId: REPOSITORY_ID,
      name: `refs/heads/${PICK_BRANCH}`,
      oid: R1,
      temporary: TEMPORARY_ID,
    });
  });

  it("creates the pick branch over REST when the request did not, the temporary branch being gone", async () => {
    const seen = recorder();
    const scope = api();
    pickOne(scope, seen);
    finish(scope, seen, { pick: null, temporary: { clientMutationId: null } }, [
      { path: ["pick"], message: "Something went wrong" },
    ]);
    scope.post(`${REPO_PATH}/git/refs`, record(seen, "pick branch")).reply(201, {});

    const result = await cherryPick(
      github(),
      repo,
      request([commit(C1, P, "One")], { repositoryId: REPOSITORY_ID }),
    );

    scope.done();
    expect(result).toEqual({ status: "picked", sha: R1, picked: [C1], empty: [] });
    expect(seen.bodies.find((b) => b.call === "pick branch")?.body).toEqual({
      ref: `refs/heads/${PICK_BRANCH}`,
      sha: R1,
    });
  });

  it("removes the temporary branch over REST when the request left it", async () => {
    const seen = recorder();
    const scope = api();
    pickOne(scope, seen);
    finish(scope, seen, { pick: created, temporary: null }, [
      { path: ["temporary"], message: "Something went wrong" },
    ]);
    deleteTemporaries(scope, seen);

    const result = await cherryPick(
      github(),
      repo,
      request([commit(C1, P, "One")], { repositoryId: REPOSITORY_ID }),
    );

    scope.done();
    expect(result).toEqual({ status: "picked", sha: R1, picked: [C1], empty: [] });
  });

  it("stays on REST without the repository's id, without the branch's id, and on a retry", async () => {
    for (const [extra, nodeId] of [
      [{}, TEMPORARY_ID],
      [{ repositoryId: REPOSITORY_ID }, null],
    ] as const) {
      const seen = recorder();
      const scope = api();
      pickOne(scope, seen, nodeId);
      scope.post(`${REPO_PATH}/git/refs`, record(seen, "pick branch")).reply(201, {});
      deleteTemporaries(scope, seen);

      const result = await cherryPick(github(), repo, request([commit(C1, P, "One")], extra));

      scope.done();
      expect(result).toEqual({ status: "picked", sha: R1, picked: [C1], empty: [] });
      expect(seen.bodies.map((b) => b.call)).not.toContain("graphql");
    }
    const seen = recorder();
    const scope = api();
    pickOne(scope, seen);
    scope.post(`${REPO_PATH}/git/refs`, record(seen, "pick branch")).reply(201, {});
    deleteTemporaries(scope, seen);

    await cherryPick(
      github(),
      repo,
      request([commit(C1, P, "One")], { repositoryId: REPOSITORY_ID, reset: true }),
    );

    scope.done();
    expect(seen.bodies.map((b) => b.call)).not.toContain("graphql");
  });
});
