import { describe, expect, it } from "vitest";
import { readOwnersTexts } from "../../src/github/owners.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

describe("readOwnersTexts", () => {
  it("reads the OWNERS file and OWNERS_ALIASES from the default branch at once, null where missing", async () => {
    const file = (text: string) => ({
      type: "file",
      encoding: "base64",
      content: Buffer.from(text).toString("base64"),
    });
    const scope = api()
      .get(`${REPO_PATH}/contents/${encodeURIComponent(".github/OWNERS")}`)
      .reply(200, file("approvers: [a]\n"))
      .get(`${REPO_PATH}/contents/OWNERS_ALIASES`)
      .reply(404, { message: "Not Found" });
    expect(await readOwnersTexts(github(), repo, ".github/OWNERS")).toEqual({
      owners: "approvers: [a]\n",
      aliases: null,
    });
    scope.done();
  });

  it("takes a directory where the file should be as no file, and rethrows other failures", async () => {
    const scope = api()
      .get(`${REPO_PATH}/contents/OWNERS`)
      .reply(200, [{ type: "file", name: "x" }])
      .get(`${REPO_PATH}/contents/OWNERS_ALIASES`)
      .reply(500, { message: "Server Error" });
    await expect(readOwnersTexts(github(), repo, "OWNERS")).rejects.toMatchObject({ status: 500 });
    scope.done();
  });
});
