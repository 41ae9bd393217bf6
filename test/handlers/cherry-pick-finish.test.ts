/**
 * The pick's last step when GitHub gives the temporary branch a node id: the pick branch
 * created and the temporary branch deleted in one GraphQL request, and the REST calls that
 * finish whatever that request did not do.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import { github, mockConfig } from "../helpers/github.js";
import { createTestBot } from "../helpers/probot.js";
import * as cp from "./cherry-pick.helpers.js";
import { R15, sha } from "./cherry-pick.helpers.js";

const PICK15 = "cherry-pick-7-to-release-1.5";
const TEMPORARY_ID = "REF_temporary";
type Body = Record<string, unknown>;

async function deliver(payload: { repository: { node_id: string } }) {
  const { probot } = createTestBot();
  await probot.receive({ name: "pull_request", id: "delivery-1", payload } as never);
}

/** The sibling, the temporary branch (answered with its node id), the merge, the real commit. */
function mergeAndCommit(scope: nock.Scope): Body[] {
  cp.squashPickReads(scope, { branch: "release-1.5", head: R15, pickBranch: PICK15 });
  cp.createCommit(scope, sha("a"));
  const temporary: Body[] = [];
  scope
    .post("/repos/Codertocat/Hello-World/git/refs", (body: Body) => {
      temporary.push(body);
      return true;
    })
    .reply(201, (_uri, body) => ({
      ref: (body as Body).ref,
      node_id: TEMPORARY_ID,
      object: { sha: sha("a"), type: "commit" },
    }));
  cp.merge(scope, { parent: sha("a"), tree: sha("b") });
  cp.createCommit(scope, sha("c"));
  return temporary;
}

function graphql(scope: nock.Scope, reply: Body): Body[] {
  const bodies: Body[] = [];
  scope
    .post("/graphql", (body: Body) => {
      bodies.push(body);
      return true;
    })
    .reply(200, reply);
  return bodies;
}

/** The pull request, its labels and the status comment: the pick went through. */
function opened(scope: nock.Scope): Body[] {
  cp.openPull(scope, { number: 20 });
  cp.updateIssue(scope, 20);
  cp.statusComments(scope, cp.PR);
  return cp.createStatus(scope, cp.PR);
}

describe("the pick branch and the temporary branch in one GraphQL request", () => {
  it("creates the pick branch at the picked commit and deletes the temporary branch: one write for both", async () => {
    const scope = github();
    const requests = cp.recordRequests(scope);
    mockConfig(scope, null);
    const temporary = mergeAndCommit(scope);
    const sent = graphql(scope, {
      data: { pick: { ref: { name: PICK15 } }, temporary: { clientMutationId: null } },
    });
    const status = opened(scope);
    const payload = cp.mergedPayload(["kind/bug", "cherry-pick/release-1.5"]);

    await deliver(payload);
    scope.done();

    expect(sent).toHaveLength(1);
    expect(sent[0]?.query).toMatch(/pick: createRef\(input: \{ repositoryId: \$repositoryId/);
    expect(sent[0]?.query).toMatch(/temporary: deleteRef\(input: \{ refId: \$temporary \}\)/);
    expect(sent[0]?.variables).toEqual({
      repositoryId: payload.repository.node_id,
      name: `refs/heads/${PICK15}`,
      oid: sha("c"),
      temporary: TEMPORARY_ID,
    });
    expect(temporary[0]?.ref).toMatch(cp.TEMPORARY(PICK15));
    expect(status[0]?.body).toContain("| `release-1.5` | 🔀 Pick pull request #20 is open. |");
    // No REST write of the pick branch, no REST deletion: 2n + 3 engine calls for n = 1.
    const engine = requests.filter((r) => /^(POST|DELETE) \/(git|merges|graphql)/.test(r));
    expect(engine).toEqual([
      "POST /git/commits",
      "POST /git/refs",
      "POST /merges",
      "POST /git/commits",
      "POST /graphql",
    ]);
  });

  it("creates the pick branch over REST when only the deletion went through", async () => {
    const scope = github();
    const requests = cp.recordRequests(scope);
    mockConfig(scope, null);
    mergeAndCommit(scope);
    graphql(scope, {
      data: { pick: null, temporary: { clientMutationId: null } },
      errors: [{ type: "UNPROCESSABLE", path: ["pick"], message: "Could not create the ref" }],
    });
    const pickRef = cp.createRef(scope);
    const status = opened(scope);

    await deliver(cp.mergedPayload(["kind/bug", "cherry-pick/release-1.5"]));
    scope.done();

    expect(pickRef[0]).toEqual({ ref: `refs/heads/${PICK15}`, sha: sha("c") });
    expect(requests.filter((r) => r.startsWith("DELETE"))).toEqual([]);
    expect(status[0]?.body).toContain("Pick pull request #20 is open.");
  });

  it("creates the pick branch and deletes the temporary branch over REST when the request did neither", async () => {
    const scope = github();
    const requests = cp.recordRequests(scope);
    mockConfig(scope, null);
    const temporary = mergeAndCommit(scope);
    graphql(scope, {
      data: { pick: null, temporary: null },
      errors: [
        { type: "FORBIDDEN", path: ["pick"], message: "Resource not accessible by integration" },
        {
          type: "FORBIDDEN",
          path: ["temporary"],
          message: "Resource not accessible by integration",
        },
      ],
    });
    const pickRef = cp.createRef(scope);
    cp.deleteTemporary(scope, PICK15);
    const status = opened(scope);

    await deliver(cp.mergedPayload(["kind/bug", "cherry-pick/release-1.5"]));
    scope.done();

    expect(pickRef[0]).toEqual({ ref: `refs/heads/${PICK15}`, sha: sha("c") });
    expect(requests.filter((r) => r.startsWith("DELETE"))).toEqual([
      `DELETE ${String(temporary[0]?.ref).replace("refs/heads/", "/git/refs/heads/")}`,
    ]);
    expect(status[0]?.body).toContain("Pick pull request #20 is open.");
  });
});
