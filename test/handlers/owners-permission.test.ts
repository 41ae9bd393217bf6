import type nock from "nock";
import { describe, expect, it } from "vitest";
import * as api from "../helpers/endpoints.js";
import { github, REPO_PATH } from "../helpers/github.js";
import { commentPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const OWNERS =
  "approvers:\n  - Alice\n  - release-managers\nreviewers:\n  - rita\nemeritus_approvers:\n  - old\n";
const ALIASES = "aliases:\n  release-managers:\n    - Mona\n";

async function comment(body: string, user: string) {
  const payload = commentPayload(body, { user });
  const { probot } = createTestBot();
  await probot.receive({ name: "issue_comment", id: "delivery-1", payload });
}

/** A file on the default branch (no `ref`: GitHub reads the default branch); null: 404. */
function defaultBranchFile(scope: nock.Scope, path: string, text: string | null): void {
  const interceptor = scope.get(`${REPO_PATH}/contents/${encodeURIComponent(path)}`);
  if (text === null) interceptor.reply(404, { message: "Not Found" });
  else
    interceptor.reply(200, {
      type: "file",
      path,
      encoding: "base64",
      content: Buffer.from(text).toString("base64"),
    });
}

/**
 * A command of `user` under `commands.permission: <permission>`: eyes, the configuration, the
 * role read beside it, the OWNERS files (once) unless `owners` is false, and the one reply.
 */
function answered(
  user: string,
  options: {
    permission?: string;
    role?: string;
    owners?: { file?: string; text: string | null; aliases?: string | null } | false;
    extraConfig?: string;
  } = {},
) {
  const scope = github();
  const commentId = commentPayload("").comment.id + 1;
  const config = `commands:\n  permission: ${options.permission ?? "owners"}\n${options.extraConfig ?? ""}`;
  const replies = api.answeredCommand(scope, {
    commentId,
    issue: 1,
    config,
    user,
    role: options.role ?? "read",
  });
  const owners = options.owners ?? { text: OWNERS, aliases: ALIASES };
  if (owners !== false) {
    defaultBranchFile(scope, owners.file ?? "OWNERS", owners.text);
    defaultBranchFile(scope, "OWNERS_ALIASES", owners.aliases ?? null);
  }
  return { scope, replies };
}

describe("commands.permission: owners", () => {
  it("lets an approver with only the read role run /rc, the OWNERS files read once for two commands", async () => {
    const { scope, replies } = answered("alice");
    for (const line of ["1.5", "1.6"]) {
      api.listTags(scope, `v${line}.`, []);
      api.getBranch(scope, `release-${line}`, null);
    }
    await comment("/rc 1.5\n/rc 1.6", "alice");
    scope.done();
    expect(replies[0]?.body).toMatch(/^\*\*`\/rc 1\.5`\*\*: Branch `release-1\.5` does not exist/);
  });

  it("expands OWNERS_ALIASES and compares logins case-insensitively", async () => {
    const { scope, replies } = answered("mona");
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", null);
    await comment("/rc 1.5", "mona");
    scope.done();
    expect(replies[0]?.body).toMatch(/^Branch `release-1\.5` does not exist/);
  });

  it("refuses a reviewer, saying so and naming the approvers without pinging them", async () => {
    const { scope, replies } = answered("rita", { role: "admin" });
    await comment("/rc 1.5", "rita");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Sorry @rita, only approvers in `OWNERS` can run `\/rc 1\.5`; you are listed as a reviewer\. Ask one of them \(`Alice`, `Mona`\) to run it\.\n/,
    );
  });

  it("refuses an emeritus approver and someone not listed", async () => {
    for (const [user, standing] of [
      ["old", "you are listed as an emeritus approver, who no longer approves"],
      ["stranger", "you are not listed there"],
    ]) {
      const { scope, replies } = answered(user as string);
      await comment("/release 1.5", user as string);
      scope.done();
      expect(replies[0]?.body).toContain(`can run \`/release 1.5\`; ${standing}.`);
    }
  });

  it("reads the file commands.ownersFile names", async () => {
    const { scope, replies } = answered("rita", {
      owners: { file: ".github/RELEASE_OWNERS", text: "approvers: [rita]\n" },
      extraConfig: "  ownersFile: .github/RELEASE_OWNERS\n",
    });
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", null);
    await comment("/rc 1.5", "rita");
    scope.done();
    expect(replies[0]?.body).toMatch(/^Branch `release-1\.5` does not exist/);
  });

  it("names a missing OWNERS file and writes nothing", async () => {
    const { scope, replies } = answered("alice", { owners: { text: null } });
    await comment("/branch 1.6", "alice");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^`\/branch 1\.6` was not run: `OWNERS` on the default branch does not exist\. Fix it there \(or point `commands\.ownersFile` at the right file\) and comment again\./,
    );
  });

  it("names an OWNERS file that is not valid YAML, and an OWNERS_ALIASES that is not valid", async () => {
    let { scope, replies } = answered("alice", { owners: { text: "approvers: [alice\n" } });
    await comment("/rc 1.5", "alice");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^`\/rc 1\.5` was not run: `OWNERS` on the default branch is not valid YAML: /,
    );

    ({ scope, replies } = answered("alice", {
      owners: { text: OWNERS, aliases: "aliases:\n  release-managers: mona\n" },
    }));
    await comment("/rc 1.5", "alice");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^`\/rc 1\.5` was not run: `OWNERS_ALIASES` on the default branch is not valid: alias `release-managers` must be a list of logins\./,
    );
  });

  it("reports a failed read as a failure to retry", async () => {
    const scope = github();
    const commentId = commentPayload("").comment.id + 1;
    const replies = api.answeredCommand(scope, {
      commentId,
      issue: 1,
      config: "commands:\n  permission: owners\n",
      user: "alice",
      role: "read",
    });
    scope.get(`${REPO_PATH}/contents/OWNERS`).reply(500, { message: "Server Error" });
    defaultBranchFile(scope, "OWNERS_ALIASES", null);
    await comment("/rc 1.5", "alice");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^`\/rc 1\.5` was not run: `OWNERS` could not be read \(GitHub answered 500: Server Error\)\. Comment again to retry\.\n<!-- release-bot:failed -->/,
    );
  });

  it("reads no OWNERS file for a comment whose commands need no permission", async () => {
    const { scope, replies } = answered("stranger", { owners: false, role: "" });
    await comment("/help", "stranger");
    scope.done();
    expect(replies[0]?.body).toContain(
      "**release-bot commands** (commands that write need an approver in `OWNERS`):",
    );
  });
});

describe("commands.permission: owners-or-maintain", () => {
  it("lets a maintainer run commands without reading OWNERS", async () => {
    const { scope, replies } = answered("maria", {
      permission: "owners-or-maintain",
      role: "maintain",
      owners: false,
    });
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", null);
    await comment("/rc 1.5", "maria");
    scope.done();
    expect(replies[0]?.body).toMatch(/^Branch `release-1\.5` does not exist/);
  });

  it("lets an approver with the read role run commands", async () => {
    const { scope, replies } = answered("Alice", { permission: "owners-or-maintain" });
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", null);
    await comment("/rc 1.5", "Alice");
    scope.done();
    expect(replies[0]?.body).toMatch(/^Branch `release-1\.5` does not exist/);
  });

  it("refuses a writer who is not an approver, naming both ways in", async () => {
    const { scope, replies } = answered("walt", {
      permission: "owners-or-maintain",
      role: "write",
    });
    await comment("/rc 1.5", "walt");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Sorry @walt, only approvers in `OWNERS` or people with the `maintain` role or higher can run `\/rc 1\.5`; you are not listed there and your role is `write`\. Ask one of them \(`Alice`, `Mona`\) to run it\./,
    );
  });
});
