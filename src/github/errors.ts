import {
  describeRefusal,
  isRuleRefusal,
  type Refusal,
  type RefusedRef,
  refusalSentence,
} from "../core/rules/refusal.js";

/** The shape of Octokit's RequestError; matched by shape so any copy of the class qualifies. */
export interface RequestFailure extends Error {
  status: number;
  response?: { data?: unknown; headers?: Record<string, unknown> };
}

export function isRequestFailure(error: unknown): error is RequestFailure {
  return error instanceof Error && typeof (error as Partial<RequestFailure>).status === "number";
}

/** True for an Octokit error with this HTTP status. */
export function hasStatus(error: unknown, status: number): error is RequestFailure {
  return isRequestFailure(error) && error.status === status;
}

/** GitHub's message, with the messages of its `errors` list (422 "Validation Failed" puts the reason there). */
function messageOf(error: RequestFailure): string {
  const data = error.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const message = typeof data?.message === "string" ? data.message : error.message;
  const details = Array.isArray(data?.errors)
    ? data.errors.flatMap((e) =>
        e && typeof e === "object" && typeof (e as { message?: unknown }).message === "string"
          ? [(e as { message: string }).message]
          : [],
      )
    : [];
  return details.length > 0 ? `${message}: ${details.join("; ")}` : message;
}

/** GitHub's message of a failed request, with its `errors` list. */
export function requestMessage(error: unknown): string {
  if (!isRequestFailure(error)) return error instanceof Error ? error.message : String(error);
  return messageOf(error);
}

/** The rule or permission that refused the request, and what an admin must change; else null. */
export function requestRefusal(error: unknown, ref?: RefusedRef): Refusal | null {
  if (!isRequestFailure(error)) return null;
  const accepted = error.response?.headers?.["x-accepted-github-permissions"];
  return describeRefusal(
    error.status,
    messageOf(error),
    typeof accepted === "string" ? accepted : undefined,
    ref,
  );
}

/** 422 "Reference already exists": another delivery or replica created the ref first. */
export function isRefAlreadyExists(error: unknown): boolean {
  return hasStatus(error, 422) && /already exists/i.test(messageOf(error));
}

/** 422 "Update is not a fast forward": the branch moved since it was read. */
export function isNotFastForward(error: unknown): boolean {
  return hasStatus(error, 422) && /fast[- ]forward/i.test(messageOf(error));
}

/** 409 "Merge conflict" from the merges API; other 409s (a branch modified meanwhile) are not conflicts. */
export function isMergeConflict(error: unknown): boolean {
  return hasStatus(error, 409) && /merge conflict/i.test(messageOf(error));
}

/** 422 "No commits between …" from `POST /pulls`: the new head is not visible to pulls yet, or really empty. */
export function isNoCommitsBetween(error: unknown): boolean {
  return hasStatus(error, 422) && /No commits between/i.test(messageOf(error));
}

/** A ruleset or branch protection refused a direct update (GitHub's messages, 422 or 403). */
export function isProtectedBranchRefusal(error: unknown): boolean {
  return isRequestFailure(error) && isRuleRefusal(error.status, messageOf(error));
}

/**
 * A rate limit GitHub still applied when the bot gave up: 403 or 429, with the secondary limit's
 * message or `x-ratelimit-remaining: 0` ("Rate limits for the REST API",
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
 */
export function isRateLimited(error: unknown): boolean {
  if (!isRequestFailure(error) || (error.status !== 403 && error.status !== 429)) return false;
  const remaining = error.response?.headers?.["x-ratelimit-remaining"];
  return /rate limit/i.test(messageOf(error)) || String(remaining) === "0";
}

/** GitHub's own words for a failed request, for the log and the user, and what an admin must change. */
export function describeRequestError(error: unknown): string {
  if (!isRequestFailure(error)) return error instanceof Error ? error.message : String(error);
  const message = messageOf(error);
  const said = `GitHub answered ${error.status}: ${message.replace(/\s+/g, " ").trim()}`;
  if (isRateLimited(error)) {
    return `${said} (the App's rate limit on GitHub was still in force after the bot waited as GitHub asked and tried again; run the command again in a few minutes)`;
  }
  const refusal = requestRefusal(error);
  return refusal ? `${said} (${refusalSentence(refusal)})` : said;
}
