import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  command,
  makeRepo,
  type NeverWrongEnv,
  startNeverWrongEnv,
} from "./never-wrong.helpers.js";

/** Issue 11, cases 5 and 7, through webhooks on the local GitHub: replies and git state. */
describe("release lines and their notes", () => {
  let env: NeverWrongEnv;
  beforeAll(async () => {
    env = await startNeverWrongEnv();
  }, 60_000);
  afterAll(async () => env?.close());

  it("refuses a typo'd line: no branch, no tag, no release; --force opens an older line", async () => {
    const repo = await makeRepo(env, { VERSION: "v1.4.0\n" });
    expect(await command(env, repo, "/branch 1.5")).toContain("Tagged release candidate");
    const far = await command(env, repo, "/branch 99999999999.1");
    expect(far).toContain(
      "Did not create `release-99999999999.1`: 99999999999.1 has a number past 2147483647",
    );
    const old = await command(env, repo, "/branch 1.3");
    expect(old).toBe(
      "Did not create `release-1.3`: 1.3 is older than the newest release line, 1.5. If you mean it, run `/branch 1.3 --force`.",
    );
    const ahead = await command(env, repo, "/branch 1.7");
    expect(ahead).toContain("more than one step ahead of the newest release line, 1.5");
    expect((await repo.branches()).sort()).toEqual(["master", "release-1.5"]);
    expect((await repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
    expect((await repo.releases()).map((r) => r.tag_name)).toEqual(["v1.5.0-rc.0"]);

    expect(await command(env, repo, "/branch 1.3 --force")).toContain(
      "Tagged release candidate [`v1.3.0-rc.0`]",
    );
  }, 90_000);

  it("a first final's notes start from the newest final of the older line", async () => {
    const repo = await makeRepo(env, { VERSION: "v1.4.0\n" });
    await command(env, repo, "/branch 1.4");
    expect(await command(env, repo, "/release 1.4")).toContain("Tagged release [`v1.4.0`]");
    await command(env, repo, "/branch 1.5");
    await repo.commit({
      branch: "release-1.5",
      files: { "fix.txt": "fix\n" },
      message: "Fix a bug",
    });
    await env.sandbox.idle();
    expect(await command(env, repo, "/rc 1.5")).toContain("`v1.5.0-rc.1`");
    expect(await command(env, repo, "/release 1.5")).toContain("Tagged release [`v1.5.0`]");
    const notes = String((await repo.release("v1.5.0"))?.body);
    expect(notes).toContain("v1.4.0...v1.5.0");
    expect(notes).not.toContain("v1.5.0-rc.1...v1.5.0");
  }, 90_000);
});
