import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEnv, startPipelineEnv } from "./env.js";

/**
 * A repository where Prow's cherrypicker and `/help` run beside the bot (`commands.prow: true`):
 * each request gets one answer, from the tool it was meant for.
 */
describe("commands.prow on the local GitHub", () => {
  let env: PipelineEnv;

  beforeAll(async () => {
    env = await startPipelineEnv("commands:\n  prow: true\n");
    await env.say("/branch 1.5");
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("leaves /help to Prow and answers /release-bot help, once for many lines", async () => {
    expect(await env.say("/help")).toBeNull();
    const posted = await env.repo.comment(
      env.issue,
      Array.from({ length: 20 }, () => "/release-bot help").join("\n"),
      { as: MAINTAINER },
    );
    await env.sandbox.idle();
    const replies = env.botCommentsAfter(env.issue, posted.id as number);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.match(/\*\*release-bot commands\*\*/g)).toHaveLength(1);
    expect(replies[0]?.body).toContain("| `/release-bot help` | this list |");
  });

  it("stays silent on other bots' words and suggests a near miss", async () => {
    expect(await env.say("/me waves\n/ok\n/coderabbit review")).toBeNull();
    expect(await env.say("/rcc 1.5")).toBe(
      "`/rcc` is not a release-bot command. Did you mean `/rc`? Comment `/release-bot help` for the list.",
    );
  });

  it("leaves the cherrypick/ label and /cherrypick to Prow, and picks on its own label with the release note", async () => {
    const prow = await env.mergeFix({
      branch: "fix-prow",
      title: "Fix the driver service",
      files: { "internal/controller/driver.go": "package controller\n" },
      labels: ["cherrypick/release-1.5"],
    });
    const commented = await env.repo.comment(prow, "/cherrypick release-1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    expect(env.botCommentsAfter(prow, 0).filter((c) => c.id > commented.id)).toEqual([]);
    expect(env.repo.pulls({ state: "all", base: "release-1.5" })).toEqual([]);

    const body = "Fixes the web UI port.\n\n```release-note\nFixed: the web UI port\n```";
    const ours = await env.mergeFix({
      branch: "fix-ours",
      title: "Fix the web UI port",
      files: { "internal/controller/webui.go": "package controller\n" },
      labels: ["cherry-pick/release-1.5"],
      body,
    });
    const picks = env.repo.pulls({ state: "all", base: "release-1.5" });
    expect(picks).toHaveLength(1);
    const pick = (await env.repo.pull(picks[0] as number)) as unknown as { body: string };
    expect(pick.body).toBe(`Cherry-pick of #${ours} onto release-1.5.\n\n${body}`);
  });
});
