/**
 * Writes whose answer GitHub lost (nock): a lost answer is followed by a look for what the write
 * made, and the write is sent again only when nothing is there, as often as the retry plugin's
 * options allow.
 */
import { describe, expect, it } from "vitest";
import { claimComment, postMarkedComment } from "../../src/github/comments.js";
import { answerLost, writeOnce, writeRetriesPlugin } from "../../src/github/lost-answers.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

/** The test Octokit (retries off) with `attempts` write attempts and no waits. */
const withAttempts = (attempts: number) =>
  Object.assign(github(), { writeRetries: { attempts, waitMs: () => 0 } });

describe("writeRetriesPlugin", () => {
  it("follows the retry plugin's options: 1 + retries attempts, waits of n² × the base", () => {
    const { writeRetries } = writeRetriesPlugin(null, { retry: { retryAfterBaseValue: 5 } });
    expect(writeRetries.attempts).toBe(4);
    expect([1, 2, 3].map(writeRetries.waitMs)).toEqual([5, 20, 45]);
    expect(writeRetriesPlugin(null, { retry: { retries: 1 } }).writeRetries.attempts).toBe(2);
    expect(writeRetriesPlugin(null, {}).writeRetries.waitMs(1)).toBe(1000);
    expect(writeRetriesPlugin(null, { retry: { enabled: false } }).writeRetries.attempts).toBe(1);
  });
});

describe("answerLost", () => {
  it("is a 5xx or no answer (Octokit's 500), never GitHub's own 4xx", () => {
    const failure = (status: number) => Object.assign(new Error("x"), { status });
    expect([500, 502, 504].map((s) => answerLost(failure(s)))).toEqual([true, true, true]);
    expect([409, 422, 429].map((s) => answerLost(failure(s)))).toEqual([false, false, false]);
    expect(answerLost(new Error("no status"))).toBe(false);
  });
});

describe("writeOnce", () => {
  it("returns what the look finds after a lost answer, without sending the write again", async () => {
    let writes = 0;
    const lost = Object.assign(new Error("Bad Gateway"), { status: 502 });
    const result = await writeOnce(
      withAttempts(4),
      async () => {
        writes++;
        throw lost;
      },
      async () => "found",
    );
    expect(result).toBe("found");
    expect(writes).toBe(1);
  });

  it("sends the write again when nothing was made, up to its attempts, then throws the last loss", async () => {
    let writes = 0;
    let looks = 0;
    const lost = Object.assign(new Error("Gateway Timeout"), { status: 504 });
    await expect(
      writeOnce(
        withAttempts(3),
        async () => {
          writes++;
          throw lost;
        },
        async () => {
          looks++;
          return null;
        },
      ),
    ).rejects.toBe(lost);
    expect([writes, looks]).toEqual([3, 3]);
  });

  it("passes GitHub's own refusals through untouched, with no look", async () => {
    let looks = 0;
    const refused = Object.assign(new Error("Validation Failed"), { status: 422 });
    await expect(
      writeOnce(
        withAttempts(4),
        async () => {
          throw refused;
        },
        async () => {
          looks++;
          return "x";
        },
      ),
    ).rejects.toBe(refused);
    expect(looks).toBe(0);
  });
});

describe("writes that must not happen twice", () => {
  it("a reply GitHub posted without answering is found by its marker, not posted twice", async () => {
    const scope = api()
      .post(`${REPO_PATH}/issues/1/comments`)
      .reply(502, { message: "Server Error" })
      .get(`${REPO_PATH}/issues/1/comments`)
      .query({ per_page: "100" })
      .reply(200, [
        { id: 9, body: "Done.\n\n<!-- release-bot:reply-to:5 -->", html_url: "https://x/9" },
      ]);
    expect(await postMarkedComment(withAttempts(4), repo, 1, "reply-to:5", "Done.")).toEqual({
      id: 9,
      url: "https://x/9",
    });
    scope.done();
  });

  it("an eyes reaction GitHub added without answering is this delivery's claim", async () => {
    const scope = api()
      .post(`${REPO_PATH}/issues/comments/5/reactions`, { content: "eyes" })
      .replyWithError("socket hang up")
      .get(`${REPO_PATH}/issues/comments/5/reactions`)
      .query({ content: "eyes", per_page: "100" })
      .reply(200, [{ content: "eyes", created_at: "2026-03-01T12:00:00Z", user: { type: "Bot" } }]);
    expect(await claimComment(withAttempts(4), repo, 5)).toEqual({
      claimed: true,
      claimedAt: "2026-03-01T12:00:00Z",
    });
    scope.done();
  });
});
