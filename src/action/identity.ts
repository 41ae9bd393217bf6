import { hasStatus } from "../github/errors.js";
import type { GitHub } from "../github/types.js";

/**
 * Who the token acts as. A personal access token (of a person or a machine account) is a user,
 * whose comments are the bot's own when they carry its markers. An installation token (an App's
 * from actions/create-github-app-token, or the workflow's GITHUB_TOKEN) acts as `<app>[bot]`,
 * of type Bot: comments by bots are ignored by the app already.
 */
export type TokenIdentity = { kind: "user"; login: string } | { kind: "installation" };

/** GitHub refused the token itself: nothing can run, and the user must change the input. */
export class RefusedTokenError extends Error {}

/**
 * `GET /user` answers a user token with its user and an installation token with 403 ("Resource
 * not accessible by integration"); 401 is a token GitHub does not accept (mistyped, revoked,
 * an App token past its hour).
 */
export async function readTokenIdentity(github: GitHub): Promise<TokenIdentity> {
  try {
    const { data } = await github.rest.users.getAuthenticated();
    return { kind: "user", login: data.login };
  } catch (error) {
    if (hasStatus(error, 403)) return { kind: "installation" };
    if (hasStatus(error, 401)) {
      throw new RefusedTokenError(
        "GitHub refused the `token` input (401 Bad credentials): it is mistyped, revoked or expired. Pass an App installation token from actions/create-github-app-token in the same job (see docs/action.md).",
      );
    }
    throw error;
  }
}
