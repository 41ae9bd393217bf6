/**
 * Drafts (`src/github/release-drafts.ts`): found in the listing (GitHub's by-tag read never shows
 * one), kept one per tag, published and read back.
 */
import { describe, expect, it } from "vitest";
import {
  ensureDraftRelease,
  findTagRelease,
  releaseOfTagIn,
} from "../../src/github/release-drafts.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const rel = (id: number, tag: string, draft = false) => ({
  id,
  upload_url: `https://uploads.github.com/repos/kubeflow/spark-operator/releases/${id}/assets{?name,label}`,
  tag_name: tag,
  html_url: `https://github.com/kubeflow/spark-operator/releases/tag/${draft ? `untagged-${id}` : tag}`,
  draft,
  prerelease: false,
  immutable: !draft,
});
const OPTIONS = { tag: "v1.5.0", prerelease: false, previousTag: null, body: "notes" };

describe("the release of a tag", () => {
  it("is the published one, else the oldest draft", () => {
    const list = [rel(3, "v1.5.0", true), rel(2, "v1.5.0", true), rel(1, "v1.4.0")].map((r) => ({
      id: r.id,
      tag: r.tag_name,
      url: r.html_url,
      draft: r.draft,
      prerelease: false,
      immutable: r.immutable,
      uploadUrl: null,
    }));
    expect(releaseOfTagIn(list, "v1.5.0")?.id).toBe(2);
    expect(releaseOfTagIn(list, "v1.4.0")).toMatchObject({ id: 1, draft: false, immutable: true });
    expect(releaseOfTagIn(list, "v9.9.9")).toBeNull();
    // A published release wins over older drafts of its tag.
    const published = { ...(list[2] as (typeof list)[number]), id: 9, tag: "v1.5.0" };
    expect(releaseOfTagIn([...list, published], "v1.5.0")?.id).toBe(9);
  });

  it("is looked up by tag when the listing does not have it (an old published release)", async () => {
    const scope = api()
      .get(`${REPO_PATH}/releases?per_page=100`)
      .reply(200, [])
      .get(`${REPO_PATH}/releases/tags/v1.0.0`)
      .reply(200, rel(1, "v1.0.0"))
      .get(`${REPO_PATH}/releases?per_page=100`)
      .reply(200, [])
      .get(`${REPO_PATH}/releases/tags/v1.0.1`)
      .reply(404, { message: "Not Found" });
    expect(await findTagRelease(github(), repo, "v1.0.0")).toMatchObject({
      id: 1,
      draft: false,
      uploadUrl:
        "https://uploads.github.com/repos/kubeflow/spark-operator/releases/1/assets{?name,label}",
    });
    expect(await findTagRelease(github(), repo, "v1.0.1")).toBeNull();
    scope.done();
  });
});

describe("ensureDraftRelease", () => {
  it("keeps a draft or release the tag has, writing nothing", async () => {
    const scope = api()
      .get(`${REPO_PATH}/releases?per_page=100`)
      .reply(200, [rel(4, "v1.5.0", true)]);
    expect(await ensureDraftRelease(github(), repo, OPTIONS)).toEqual({
      url: "https://github.com/kubeflow/spark-operator/releases/tag/untagged-4",
      created: false,
      draft: true,
    });
    scope.done();
  });

  it("creates a draft, reads it back, and fails loudly when GitHub does not list it", async () => {
    const bodies: unknown[] = [];
    const scope = api()
      .post(`${REPO_PATH}/releases`, (body) => bodies.push(body) > 0)
      .reply(201, rel(5, "v1.5.0", true))
      .get(`${REPO_PATH}/releases?per_page=100`)
      .reply(200, [rel(5, "v1.5.0", true)])
      .post(`${REPO_PATH}/releases`)
      .reply(201, rel(6, "v1.5.0", true))
      .get(`${REPO_PATH}/releases?per_page=100`)
      .reply(200, []);
    expect(await ensureDraftRelease(github(), repo, { ...OPTIONS, knownAbsent: true })).toEqual({
      url: "https://github.com/kubeflow/spark-operator/releases/tag/untagged-5",
      created: true,
      draft: true,
    });
    expect(bodies[0]).toEqual({
      tag_name: "v1.5.0",
      name: "v1.5.0",
      prerelease: false,
      draft: true,
      make_latest: "legacy",
      body: "notes",
    });
    await expect(
      ensureDraftRelease(github(), repo, { ...OPTIONS, knownAbsent: true }),
    ).rejects.toThrow("the draft release of v1.5.0 is not listed after it was created");
    scope.done();
  });

  it("deletes the younger drafts racing deliveries made, a draft gone already included", async () => {
    const scope = api()
      .post(`${REPO_PATH}/releases`)
      .reply(201, rel(8, "v1.5.0", true))
      .get(`${REPO_PATH}/releases?per_page=100`)
      .reply(200, [rel(9, "v1.5.0", true), rel(8, "v1.5.0", true), rel(7, "v1.5.0", true)])
      .delete(`${REPO_PATH}/releases/9`)
      .reply(404, { message: "Not Found" })
      .delete(`${REPO_PATH}/releases/8`)
      .reply(204);
    const kept = await ensureDraftRelease(github(), repo, { ...OPTIONS, knownAbsent: true });
    expect(kept.url).toContain("untagged-7");
    scope.done();
  });
});
