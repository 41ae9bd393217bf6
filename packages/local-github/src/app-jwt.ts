import { createVerify, type KeyObject } from "node:crypto";

/**
 * GitHub's check of an App's JSON Web Token, as "Generating a JSON Web Token (JWT) for a GitHub
 * App" documents it: RS256 signed with the App's private key, `iss` the App's ID (or client ID),
 * `exp` in the future and at most ten minutes ahead. GitHub answers 401 with these messages; a
 * token signed with another key (a key of another App, a key typed wrong) is the famous
 * "A JSON web token could not be decoded".
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 */
export const JWT_UNDECODABLE = "A JSON web token could not be decoded";
export const JWT_EXPIRED =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
export const JWT_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future";

/** GitHub's limit on a JWT's lifetime, plus the clock drift it tolerates. */
const MAX_LIFETIME_S = 10 * 60 + 60;

export const looksLikeJwt = (token: string): boolean => /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(token);

/** Null when GitHub would accept the token for this App; otherwise GitHub's 401 message. */
export function appJwtProblem(
  token: string,
  app: { id: number; clientId?: string; publicKey: KeyObject | null },
  nowMs: number,
): string | null {
  const [header = "", payload = "", signature = ""] = token.split(".");
  const claims = decode(payload);
  if (!app.publicKey || !claims || decode(header)?.alg !== "RS256") return JWT_UNDECODABLE;
  const verifier = createVerify("RSA-SHA256");
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(app.publicKey, Buffer.from(signature, "base64url"))) return JWT_UNDECODABLE;
  const issuer = String(claims.iss);
  if (issuer !== String(app.id) && issuer !== app.clientId) return JWT_UNDECODABLE;
  const now = nowMs / 1000;
  if (typeof claims.exp !== "number" || claims.exp <= now) return JWT_EXPIRED;
  if (claims.exp - now > MAX_LIFETIME_S) return JWT_TOO_FAR;
  return null;
}

function decode(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
