import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { checkDemo, type DemoRecord, playDemo } from "@release-bot/local-github/testing";
import { startDemoEnvironment } from "./environment.js";

/** The demo's repositories stay here after it ends, for a person to inspect with git. */
export const DEMO_DIR = resolve(".sandbox/demo");

/**
 * `npm run demo` (and `npm start` without App credentials): the bot and a local GitHub play a
 * whole release. With `keepServing`, both stay up for inspection until Ctrl-C.
 */
export async function runDemo(options: { keepServing: boolean }): Promise<number> {
  const print = (line: string) => console.log(line);
  print("release-bot demo: the real bot against a local GitHub on this machine.");
  rmSync(DEMO_DIR, { recursive: true, force: true });
  const env = await startDemoEnvironment({ baseDir: DEMO_DIR });
  const bot = env.replicas[0];
  print(`local GitHub: ${env.sandbox.url}   bot webhooks: ${bot?.webhookUrl}`);
  print(`repository ${env.repo.fullName} seeded: master with history, chart 1.4.0, VERSION v1.4.0`);
  let record: DemoRecord;
  try {
    record = await playDemo(env, print);
  } catch (error) {
    console.error(error);
    await env.close();
    return 1;
  }
  print("\n== Tags (what each tag's commit says) ==");
  for (const t of record.tags) {
    print(
      `${t.tag.padEnd(14)} ${t.commit.slice(0, 7)}  chart ${t.chartVersion}/${t.chartAppVersion}  VERSION ${t.versionFile}`,
    );
  }
  print("\n== git log release-1.5 ==");
  print(record.releaseBranchLog.trim());
  print("\n== Dashboard: issue `Release 1.5` (label release-bot/dashboard) ==");
  print(record.dashboard?.replace(/\n*<!--[\s\S]*?-->/g, "").trim() ?? "(none)");
  print(`\nThe repository is on disk: git --git-dir ${record.gitDir} log --oneline --all --graph`);
  const problems = checkDemo(record);
  for (const problem of problems) console.error(`demo check failed: ${problem}`);
  if (!options.keepServing) {
    await env.close();
    return problems.length === 0 ? 0 : 1;
  }
  print(`\nServing until Ctrl-C: local GitHub ${env.sandbox.url}, bot ${bot?.url}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await env.close();
  return problems.length === 0 ? 0 : 1;
}
