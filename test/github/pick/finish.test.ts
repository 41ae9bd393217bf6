/**
 * The pick's last request: the pick branch created and the temporary branch deleted in one
 * GraphQL document, and what the engine learns from each answer GitHub gives to it.
 */
import { describe, expect, it } from "vitest";
import { createPickBranchDeletingTemporary } from "../../../src/github/pick/finish.js";
import { api, github } from "../octokit.js";

const REQUEST = {
  repositoryId: "R_kgDOrepository",
  ref: "refs/heads/cherry-pick-7-to-release-1.5",
  sha: "c".repeat(40),
  temporaryId: "REF_temporary",
};

type GraphqlBody = { query: string; variables: Record<string, unknown> };

function answering(status: number, answer: object): { bodies: GraphqlBody[]; done(): void } {
  const bodies: GraphqlBody[] = [];
  const scope = api()
    .post("/graphql", (body: GraphqlBody) => {
      bodies.push(body);
      return true;
    })
    .reply(status, answer);
  return { bodies, done: () => scope.done() };
}

describe("createPickBranchDeletingTemporary", () => {
  it("sends both mutations in one document, with the pick branch, its commit and the temporary branch", async () => {
    const graphql = answering(200, {
      data: { pick: { ref: { name: "cherry-pick-7-to-release-1.5" } }, temporary: {} },
    });

    const result = await createPickBranchDeletingTemporary(github(), REQUEST);

    graphql.done();
    expect(result).toEqual({ created: true, temporaryDeleted: true });
    const [body] = graphql.bodies;
    expect(body?.variables).toEqual({
      repositoryId: "R_kgDOrepository",
      name: "refs/heads/cherry-pick-7-to-release-1.5",
      oid: "c".repeat(40),
      temporary: "REF_temporary",
    });
    expect(body?.query).toMatch(
      /pick: createRef\(input: \{ repositoryId: \$repositoryId, name: \$name, oid: \$oid \}\) \{ ref \{ name \} \}/,
    );
    expect(body?.query).toMatch(/temporary: deleteRef\(input: \{ refId: \$temporary \}\)/);
    expect(body?.query).toMatch(/^mutation \(\$repositoryId: ID!, \$name: String!/);
  });

  it("reads a refused creation from the partial answer, and the deletion that still happened", async () => {
    const graphql = answering(200, {
      data: { pick: null, temporary: { clientMutationId: null } },
      errors: [{ type: "UNPROCESSABLE", path: ["pick"], message: "Reference already exists" }],
    });

    const result = await createPickBranchDeletingTemporary(github(), REQUEST);

    graphql.done();
    expect(result).toEqual({ created: false, temporaryDeleted: true });
  });

  it("leaves the deletion to REST when GitHub answered it with null", async () => {
    const graphql = answering(200, {
      data: { pick: { ref: { name: "cherry-pick-7-to-release-1.5" } }, temporary: null },
      errors: [{ type: "NOT_FOUND", path: ["temporary"], message: "Could not resolve to a node" }],
    });

    const result = await createPickBranchDeletingTemporary(github(), REQUEST);

    graphql.done();
    expect(result).toEqual({ created: true, temporaryDeleted: false });
  });

  it("knows nothing happened when the request itself failed", async () => {
    const graphql = answering(502, { message: "Bad Gateway" });

    const result = await createPickBranchDeletingTemporary(github(), REQUEST);

    graphql.done();
    expect(result).toEqual({ created: false, temporaryDeleted: false });
  });

  it("does not count a pick branch answered without its name as created", async () => {
    const graphql = answering(200, { data: { pick: { ref: null } } });

    const result = await createPickBranchDeletingTemporary(github(), REQUEST);

    graphql.done();
    expect(result).toEqual({ created: false, temporaryDeleted: false });
  });
});
