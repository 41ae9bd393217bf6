import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEnv, startPipelineEnv } from "./env.js";

/**
 * Spark Operator's tags say "Spark Operator Official Release vX", and its DCO check wants a
 * `Signed-off-by:` on every commit: the bot's own commits sign off as the bot, picks keep the
 * original's lines.
 */
describe("tags.message and commits.signoff on the local GitHub", () => {
  let env: PipelineEnv;
  let bot: { name: string; email: string };

  beforeAll(async () => {
    env = await startPipelineEnv(
      'tags:\n  message: "Spark Operator Official Release {tag}"\ncommits:\n  signoff: true\n',
    );
    const login = env.sandbox.app.botLogin;
    const { data } = await fetch(`${env.sandbox.url}/users/${encodeURIComponent(login)}`).then(
      async (r) => ({ data: (await r.json()) as { id: number } }),
    );
    bot = { name: login, email: `${data.id}+${login}@users.noreply.github.com` };
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("tags with the configured message and signs the bump off as its author, the bot", async () => {
    const reply = await env.say("/branch 1.5");
    expect(reply).toContain("v1.5.0-rc.0");
    const tag = await env.repo.git("cat-file", "-p", "v1.5.0-rc.0");
    expect(tag.split("\n\n").slice(1).join("\n\n")).toBe(
      "Spark Operator Official Release v1.5.0-rc.0\n",
    );
    const message = await env.repo.git("log", "-1", "--format=%B", "release-1.5");
    expect(message).toMatch(/^Release v1\.5\.0-rc\.0\n\nSet the version to 1\.5\.0-rc\.0/);
    expect(message.trimEnd().split("\n").at(-1)).toBe(`Signed-off-by: ${bot.name} <${bot.email}>`);
    const author = await env.repo.git("log", "-1", "--format=%an <%ae>", "release-1.5");
    expect(author.trim()).toBe(`${bot.name} <${bot.email}>`);
  });

  it("keeps a pick's own Signed-off-by lines and adds none of the bot's", async () => {
    const fix = await env.mergeFix({
      branch: "fix-timeout",
      title: "Raise the executor timeout",
      message: "Raise the executor timeout\n\nSigned-off-by: Contributor <contributor@example.com>",
      files: { "internal/controller/timeout.go": "package controller\n" },
      labels: ["cherry-pick/release-1.5"],
    });
    const pick = env.repo.pulls({ state: "open", base: "release-1.5" }).at(-1) as number;
    expect(pick).toBeGreaterThan(fix);
    const head = ((await env.repo.pull(pick)) as unknown as { head: { sha: string } }).head.sha;
    const message = await env.repo.git("log", "-1", "--format=%B", head);
    expect(message).toContain("Signed-off-by: Contributor <contributor@example.com>");
    expect(message).not.toContain(bot.email);
  });
});
