import { execFile, spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPrivateKey } from "../helpers/app-key.js";

const run = promisify(execFile);
/** Inside node_modules so that the built files resolve the project's dependencies. */
const OUT = resolve("node_modules/.cache/release-bot-build-test");
const LIB = join(OUT, "lib");

/** A built command as the image runs it: plain node, production environment, no .env. */
async function command(script: string, env: Record<string, string>, args: string[] = []) {
  try {
    const { stdout, stderr } = await run("node", [join(LIB, "bin", script), ...args], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
      cwd: OUT,
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
  );
}

/**
 * `npm run build` output, run the way the container runs it (`node lib/bin/*.js`): the image
 * holds the bot alone, and each command starts or says in one line what is wrong.
 */
describe("the built commands (the image's runtime)", () => {
  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    await run("npx", ["tsc", "-p", "tsconfig.build.json", "--outDir", LIB], { timeout: 120_000 });
  }, 150_000);

  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it("holds the bot alone: no demo, no local GitHub", () => {
    const built = files(LIB);
    expect(built).toContain(join(LIB, "bin", "start.js"));
    expect(built.filter((f) => f.includes(`${join(LIB, "demo")}`))).toEqual([]);
    const importing = built.filter((f) =>
      readFileSync(f, "utf8").includes("@release-bot/local-github"),
    );
    expect(importing).toEqual([]);
  });

  it("refuses wrong or partial credentials with one line naming the variable", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [
        { APP_ID: "1", PRIVATE_KEY: "garbage", WEBHOOK_SECRET: "x" },
        "release-bot: PRIVATE_KEY is not a PEM private key; use the .pem file downloaded from the App's settings page (whole, with its BEGIN and END lines)\n",
      ],
      [
        { APP_ID: "1", PRIVATE_KEY: testPrivateKey() },
        "release-bot: WEBHOOK_SECRET is not set (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH are); set it from the App's settings page, see README.md, 'Register the App'\n",
      ],
      [
        { APP_ID: "1", PRIVATE_KEY_PATH: "/nonexistent.pem", WEBHOOK_SECRET: "x" },
        "release-bot: PRIVATE_KEY_PATH: cannot read /nonexistent.pem (no such file)\n",
      ],
      [
        {},
        "release-bot: APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET must be set; see README.md, 'Register the App'\n",
      ],
      [
        { LOG_LEVEL: "verbose" },
        'release-bot: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "verbose"\n',
      ],
    ];
    for (const [env, message] of cases) {
      const result = await command("start.js", env);
      expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({
        code: 1,
        stderr: message,
        stdout: "",
      });
    }
  });

  it("serves /healthz and a failing /readyz while GitHub cannot be reached, logging JSON at info", async () => {
    const closedPort = await freePort();
    const child = spawn("node", [join(LIB, "bin", "start.js")], {
      cwd: OUT,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        APP_ID: "1",
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET: "x",
        PORT: "0",
        HOST: "127.0.0.1",
        GHE_HOST: `127.0.0.1:${closedPort}`,
        GHE_PROTOCOL: "http",
      },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += String(chunk);
          if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      const started = JSON.parse(line) as { level: number; msg: string; webhookUrl: string };
      expect(started).toMatchObject({ level: 30, msg: "release-bot listening for webhooks" });
      const base = started.webhookUrl.replace(/\/api\/github\/webhooks$/, "");
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toBe(
        `GitHub could not be reached to check the App's credentials: connect ECONNREFUSED 127.0.0.1:${closedPort}\n`,
      );
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("reconcile prints its usage, and refuses a wrong key in one line", async () => {
    const help = await command("reconcile.js", {}, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stderr).toMatch(/^Usage: npm run reconcile -- \[--repo owner\/name/);
    const wrong = await command("reconcile.js", { APP_ID: "1", PRIVATE_KEY: "nope" });
    expect(wrong).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^release-bot reconcile: PRIVATE_KEY is not a PEM private key;.*\n$/,
      ),
    });
  });
});
