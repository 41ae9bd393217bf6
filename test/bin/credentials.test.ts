import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCredentials } from "../../src/bin/credentials.js";
import { testPrivateKey } from "../helpers/app-key.js";

const KEY = testPrivateKey();

describe("readCredentials", () => {
  it("is absent when nothing of the App is set (the demo may run)", () => {
    expect(readCredentials({})).toEqual({ kind: "absent" });
  });

  it("accepts a PEM key given with \\n escapes, and base64", () => {
    const escaped = KEY.replace(/\n/g, "\\n");
    const base64 = Buffer.from(KEY).toString("base64");
    for (const PRIVATE_KEY of [KEY, escaped, base64]) {
      const result = readCredentials({ APP_ID: "123", PRIVATE_KEY, WEBHOOK_SECRET: "s" });
      expect(result).toEqual({
        kind: "ok",
        credentials: { appId: "123", privateKey: KEY },
        secret: "s",
      });
    }
  });

  it("names what is missing instead of falling back to the demo", () => {
    expect(readCredentials({ APP_ID: "1", PRIVATE_KEY: KEY })).toEqual({
      kind: "invalid",
      message:
        "WEBHOOK_SECRET is not set (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH are); set it from the App's settings page, see README.md, 'Register the App'",
    });
    expect(readCredentials({ WEBHOOK_SECRET: "s" })).toMatchObject({
      kind: "invalid",
      message: expect.stringMatching(
        /^APP_ID and PRIVATE_KEY or PRIVATE_KEY_PATH are not set \(WEBHOOK_SECRET is\); set them/,
      ),
    });
  });

  it("does not need the webhook secret for reconcile", () => {
    expect(
      readCredentials({ APP_ID: "7", PRIVATE_KEY: KEY }, { needsSecret: false }),
    ).toMatchObject({ kind: "ok", credentials: { appId: "7" } });
    expect(readCredentials({ PRIVATE_KEY: KEY }, { needsSecret: false })).toMatchObject({
      kind: "invalid",
      message: expect.stringMatching(/^APP_ID is not set/),
    });
  });

  it("refuses an APP_ID that is not the numeric App ID", () => {
    expect(readCredentials({ APP_ID: "Iv1.abc", PRIVATE_KEY: KEY, WEBHOOK_SECRET: "s" })).toEqual({
      kind: "invalid",
      message: `APP_ID must be the App's numeric ID (the "App ID" on its settings page), not "Iv1.abc"`,
    });
  });

  it("refuses a key that does not parse, naming the variable, with no stack", () => {
    const result = readCredentials({ APP_ID: "1", PRIVATE_KEY: "garbage", WEBHOOK_SECRET: "x" });
    expect(result).toEqual({
      kind: "invalid",
      message:
        "PRIVATE_KEY is not a PEM private key; use the .pem file downloaded from the App's settings page (whole, with its BEGIN and END lines)",
    });
  });

  it("refuses a key that is not RSA", () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(readCredentials({ APP_ID: "1", PRIVATE_KEY: ec, WEBHOOK_SECRET: "x" })).toMatchObject({
      kind: "invalid",
      message: "PRIVATE_KEY is not an RSA key (ec); GitHub Apps sign with RSA",
    });
  });

  it("reads PRIVATE_KEY_PATH, and says when the file is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "release-bot-key-"));
    const path = join(dir, "app.pem");
    writeFileSync(path, KEY);
    expect(
      readCredentials({ APP_ID: "1", PRIVATE_KEY_PATH: path, WEBHOOK_SECRET: "x" }),
    ).toMatchObject({ kind: "ok", credentials: { privateKey: KEY } });
    expect(
      readCredentials({ APP_ID: "1", PRIVATE_KEY_PATH: "/nonexistent.pem", WEBHOOK_SECRET: "x" }),
    ).toEqual({
      kind: "invalid",
      message: "PRIVATE_KEY_PATH: cannot read /nonexistent.pem (no such file)",
    });
    writeFileSync(path, "not a key");
    expect(
      readCredentials({ APP_ID: "1", PRIVATE_KEY_PATH: path, WEBHOOK_SECRET: "x" }),
    ).toMatchObject({
      message: expect.stringMatching(/^PRIVATE_KEY_PATH \(.*app\.pem\) is not a PEM/),
    });
  });
});
