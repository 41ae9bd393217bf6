import { generateKeyPairSync } from "node:crypto";

/** A throwaway RSA key for a test App: Probot signs its JWTs with it. */
export function testPrivateKey(): string {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs1",
    format: "pem",
  }) as string;
}
