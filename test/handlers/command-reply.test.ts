import { describe, expect, it } from "vitest";
import { outcome } from "../../src/flows/context.js";
import {
  CLAIM_LEASE_MS,
  type CommandClaim,
  claimCommandComment,
} from "../../src/handlers/command-reply.js";
import * as api from "../helpers/endpoints.js";
import { github, REPO_PATH } from "../helpers/github.js";
import { OWNER, REPO } from "../helpers/payloads.js";
import { TestOctokit } from "../helpers/probot.js";

const COMMENT = { id: 500, issueNumber: 3, createdAt: "2026-01-02T03:04:05Z" };
const MARKER = "<!-- release-bot:reply-to:500 -->";
const FAILED = "<!-- release-bot:failed -->";

/** The delivery's clock: the lease is read on it, not on the machine's. */
const NOW = Date.parse("2026-01-02T03:30:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();

function claim(): Promise<CommandClaim> {
  const octokit = new TestOctokit({ auth: "test-token" });
  return claimCommandComment(octokit, { owner: OWNER, repo: REPO }, COMMENT, { now: () => NOW });
}

/** The earlier replies on the issue, read only since the comment was written. */
function earlierReplies(scope: ReturnType<typeof github>, bodies: string[]) {
  scope
    .get(`${REPO_PATH}/issues/3/comments`)
    .query({ since: COMMENT.createdAt, per_page: 100 })
    .reply(
      200,
      bodies.map((body, i) => ({ id: 70 + i, body, html_url: `https://x/#${70 + i}` })),
    );
}

/** The reply this delivery owns; fails the test when another delivery owns the comment. */
async function owned(): Promise<Extract<CommandClaim, { owned: true }>> {
  const result = await claim();
  if (!result.owned) throw new Error("expected this delivery to own the comment");
  return result;
}

describe("a comment nobody has claimed", () => {
  it("is claimed with eyes and answered with the command's message alone", async () => {
    const scope = github();
    const eyes = api.reactEyes(scope, COMMENT.id);
    const replies = api.postComment(scope, 3);

    const result = await owned();
    await result.reply([{ command: "/rc 1.5", result: outcome("done", "Tagged `v1.5.0-rc.1`.") }]);
    scope.done();
    expect(eyes).toEqual([{ content: "eyes" }]);
    expect(replies).toEqual([{ body: `Tagged \`v1.5.0-rc.1\`.\n\n${MARKER}` }]);
  });

  it("answers several commands in one reply, each under the command as typed, in order", async () => {
    const scope = github();
    api.reactEyes(scope, COMMENT.id);
    const replies = api.postComment(scope, 3);

    const result = await owned();
    await result.reply([
      { command: "/rc 1.5", result: outcome("refused", "Nothing changed.") },
      { command: "/help", result: outcome("done", "**release-bot commands**") },
    ]);
    scope.done();
    expect(replies).toEqual([
      {
        body: `**\`/rc 1.5\`**: Nothing changed.\n\n**\`/help\`**: **release-bot commands**\n\n${MARKER}`,
      },
    ]);
  });

  it("marks a reply with a failed command so that a redelivery runs it again", async () => {
    const scope = github();
    api.reactEyes(scope, COMMENT.id);
    const replies = api.postComment(scope, 3);

    const result = await owned();
    await result.reply([
      { command: "/help", result: outcome("done", "help") },
      { command: "/rc 1.5", result: outcome("failed", "GitHub answered 502.") },
    ]);
    scope.done();
    expect(replies).toEqual([
      {
        body: `**\`/help\`**: help\n\n**\`/rc 1.5\`**: GitHub answered 502.\n${FAILED}\n\n${MARKER}`,
      },
    ]);
  });
});

describe("a comment another delivery claimed", () => {
  it("is left alone once answered, and says so", async () => {
    const scope = github();
    api.reactEyes(scope, COMMENT.id, ago(60_000));
    earlierReplies(scope, ["unrelated", `Tagged.\n\n${MARKER}`]);

    const result = await claim();
    scope.done();
    expect(result).toEqual({ owned: false, answered: true });
  });

  it("is left to its owner while the lease runs, though no reply is there yet", async () => {
    const scope = github();
    api.reactEyes(scope, COMMENT.id, ago(CLAIM_LEASE_MS - 60_000));
    earlierReplies(scope, []);

    const result = await claim();
    scope.done();
    expect(result).toEqual({ owned: false, answered: false });
  });

  it("is taken over when the owner left no reply within the lease (a crashed replica)", async () => {
    const scope = github();
    api.reactEyes(scope, COMMENT.id, ago(CLAIM_LEASE_MS + 60_000));
    earlierReplies(scope, []);
    const replies = api.postComment(scope, 3);

    const result = await owned();
    await result.reply([{ command: "/help", result: outcome("done", "help") }]);
    scope.done();
    expect(replies).toEqual([{ body: `help\n\n${MARKER}` }]);
  });

  it("is run again when its reply says it failed, and that reply is edited in place", async () => {
    const scope = github();
    api.reactEyes(scope, COMMENT.id, ago(60_000));
    earlierReplies(scope, ["unrelated", `\`/rc 1.5\` failed.\n${FAILED}\n\n${MARKER}`]);
    const edits: api.Body[] = [];
    scope
      .patch(`${REPO_PATH}/issues/comments/71`, (body) => {
        edits.push(body);
        return true;
      })
      .reply(200, { id: 71 });

    const result = await owned();
    await result.reply([{ command: "/rc 1.5", result: outcome("done", "Tagged.") }]);
    scope.done();
    expect(edits).toEqual([{ body: `Tagged.\n\n${MARKER}` }]);
  });
});
