import { createSign, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../src/index.js";
import { startTestSandbox } from "./helpers.js";

function jwt(privateKeyPem: string, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(privateKeyPem, "base64url");
  return `${unsigned}.${signature}`;
}

describe("the App's JWT", () => {
  let sandbox: Sandbox;
  let appKey: string;
  const now = () => Math.floor(Date.now() / 1000);
  const getApp = (token: string) =>
    fetch(`${sandbox.url}/app`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    ({ sandbox } = await startTestSandbox());
    appKey = sandbox.probotOptions().privateKey;
  });
  afterAll(() => sandbox.close());

  it("authenticates as the App when signed with the App's key", async () => {
    const response = await getApp(
      jwt(appKey, { iss: sandbox.app.id, iat: now() - 30, exp: now() + 540 }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: number }).id).toBe(sandbox.app.id);
  });

  it("refuses a token signed with another key, as GitHub does", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs1", format: "pem" })
      .toString();
    const response = await getApp(
      jwt(other, { iss: sandbox.app.id, iat: now() - 30, exp: now() + 540 }),
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toBe(
      "A JSON web token could not be decoded",
    );
  });

  it("refuses another App's id, an expired token and one that lives too long", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ iss: sandbox.app.id + 1, iat: now(), exp: now() + 60 }, "could not be decoded"],
      [{ iss: sandbox.app.id, iat: now() - 700, exp: now() - 60 }, "('exp') must be a numeric"],
      [{ iss: sandbox.app.id, iat: now(), exp: now() + 3600 }, "is too far in the future"],
    ];
    for (const [claims, message] of cases) {
      const response = await getApp(jwt(appKey, claims));
      expect(response.status).toBe(401);
      expect(((await response.json()) as { message: string }).message).toContain(message);
    }
  });
});
