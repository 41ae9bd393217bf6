import { describe, expect, it } from "vitest";
import { appEventOf } from "../../src/action/events.js";

const user = { kind: "user", login: "release-robot" } as const;
const installation = { kind: "installation" } as const;
const comment = (login: string, body: string) => ({
  action: "created",
  comment: { user: { login, type: "User" }, body },
});

describe("which event the app receives for the workflow's event", () => {
  it("pull_request_target reaches the pull request handlers as pull_request", () => {
    const payload = { action: "closed" };
    expect(appEventOf("pull_request_target", payload, installation)).toEqual({
      name: "pull_request",
      payload,
    });
    expect(appEventOf("create", payload, installation)).toEqual({ name: "create", payload });
  });

  it("workflow_run reaches the handler that publishes drafts after `release.publishAfter`", () => {
    const payload = { action: "completed" };
    expect(appEventOf("workflow_run", payload, installation)).toEqual({
      name: "workflow_run",
      payload,
    });
  });

  it("an event the bot does not handle is skipped, naming the ones it does", () => {
    expect(appEventOf("workflow_dispatch", {}, installation)).toEqual({
      skipped:
        "release-bot does not handle workflow_dispatch events; trigger the workflow on issue_comment, pull_request, pull_request_target, create, workflow_run, push.",
    });
  });

  it("a personal token's marked comment is the bot's own; its owner's commands are not", () => {
    const reply = comment("release-robot", "Tagged `v1.5.0`.\n\n<!-- release-bot:reply-to:7 -->");
    expect(appEventOf("issue_comment", reply, user)).toEqual({
      skipped: "comment by the token's user @release-robot is the bot's own reply.",
    });
    const command = comment("release-robot", "/rc 1.5");
    expect(appEventOf("issue_comment", command, user)).toEqual({
      name: "issue_comment",
      payload: command,
    });
    // Someone quoting a reply, marker included, is not the bot.
    const quote = comment("maintainer", reply.comment.body);
    expect(appEventOf("issue_comment", quote, user)).toMatchObject({ name: "issue_comment" });
  });
});
