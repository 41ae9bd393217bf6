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

function messageOf(error: RequestFailure): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === "string" ? data.message : error.message;
}

/** 422 "Reference already exists": another delivery or replica created the ref first. */
export function isRefAlreadyExists(error: unknown): boolean {
  return hasStatus(error, 422) && /already exists/i.test(messageOf(error));
}

/** 422 "Update is not a fast forward": the branch moved since it was read. */
export function isNotFastForward(error: unknown): boolean {
  return hasStatus(error, 422) && /fast[- ]forward/i.test(messageOf(error));
}

/** Branch protection refused a direct update (GitHub answers 422 or 403 depending on the rule). */
export function isProtectedBranchRefusal(error: unknown): boolean {
  return (
    (hasStatus(error, 422) || hasStatus(error, 403)) &&
    /protected branch|branch protection|repository rule/i.test(messageOf(error))
  );
}

/** GitHub's own words for a failed request, for the log and the user. */
export function describeRequestError(error: unknown): string {
  if (isRequestFailure(error)) return `GitHub answered ${error.status}: ${messageOf(error)}`;
  return error instanceof Error ? error.message : String(error);
}
