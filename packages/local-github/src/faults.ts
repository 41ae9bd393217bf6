/**
 * Fault injection: make the next N requests matching a method + path answer with an error, before
 * or after GitHub did what they asked (a 502 or 504 from GitHub's gateway after the write, a
 * connection dropped after the write).
 */

export interface FaultSpec {
  /** HTTP method (any when omitted). */
  method?: string;
  /** Matched against the request path (without query string), e.g. /\/git\/refs/ . */
  path: RegExp | string;
  /** Matched against the request's body text too, e.g. /createCommitOnBranch/ on `POST /graphql`. */
  requestBody?: RegExp;
  /** Status to answer (500, 502, 403, 429...). Ignored with `reset`. */
  status?: number;
  /** How many matching requests to fail; default 1. */
  times?: number;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
  /** Response body (JSON); default: GitHub's error body for the status. */
  body?: unknown;
  /** Close the connection without answering (a network error for the client). */
  reset?: boolean;
  /**
   * "before" (default): fail without doing anything. "after": do the request (its effects and
   * webhooks happen) and then answer with the fault, like a gateway timeout after a write.
   */
  when?: "before" | "after";
  /** Extra delay before answering, in ms. */
  delayMs?: number;
  /**
   * Hit each distinct request once (method, path and body): a client's retry of the same request
   * goes through, the next different request matching the fault is hit. `times` then counts
   * distinct requests (default: every one). Made for "every write of a flow, once, after it
   * happened": a retry that sent the same write again would otherwise be hit as well.
   */
  distinct?: boolean;
}

export interface Fault extends FaultSpec {
  /** How many requests this fault has hit. */
  hits: number;
  /** Requests still to fail. */
  remaining: number;
  cancel(): void;
}

/** How a write's answer is lost after GitHub did it: its gateway's 502 or 504, or no answer at all. */
export type LostAnswer = "502" | "504" | "dropped";

/** A fault spec for a lost answer: after the effect, with GitHub's status and body, or the connection closed. */
export function lostAnswer(kind: LostAnswer): Pick<FaultSpec, "status" | "reset" | "when"> {
  if (kind === "dropped") return { reset: true, when: "after" };
  return { status: Number(kind), when: "after" };
}

const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";

export class FaultInjector {
  private readonly faults: Fault[] = [];
  /** The requests each `distinct` fault has hit, by method, path and body. */
  private readonly seen = new WeakMap<Fault, Set<string>>();

  /** Fail the next `times` requests matching `method` + `path`. */
  inject(spec: FaultSpec): Fault {
    const fault: Fault = {
      ...spec,
      hits: 0,
      remaining: spec.times ?? (spec.distinct ? Number.POSITIVE_INFINITY : 1),
      cancel: () => {
        fault.remaining = 0;
        const index = this.faults.indexOf(fault);
        if (index >= 0) this.faults.splice(index, 1);
      },
    };
    this.faults.push(fault);
    return fault;
  }

  /**
   * GitHub's secondary rate limit: 403 or 429 with the message Octokit's throttling plugin looks
   * for, and `retry-after` unless `retryAfterSeconds` is null: without it, GitHub asks clients to
   * wait at least a minute ("Rate limits for the REST API", exceeding the rate limit:
   * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
   */
  secondaryRateLimit(
    spec: Omit<FaultSpec, "status" | "body"> & {
      retryAfterSeconds?: number | null;
      status?: 403 | 429;
    },
  ): Fault {
    const { retryAfterSeconds, status = 403, ...rest } = spec;
    const retryAfter: Record<string, string> =
      retryAfterSeconds === null ? {} : { "retry-after": String(retryAfterSeconds ?? 1) };
    return this.inject({
      ...rest,
      status,
      headers: { ...retryAfter, ...spec.headers },
      body: {
        message: SECONDARY_MESSAGE,
        documentation_url:
          "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        status: String(status),
      },
    });
  }

  /** The primary rate limit: 403 with `x-ratelimit-remaining: 0` and a reset time. */
  rateLimit(spec: Omit<FaultSpec, "status" | "body"> & { resetInSeconds?: number }): Fault {
    const reset = Math.floor(Date.now() / 1000) + (spec.resetInSeconds ?? 1);
    return this.inject({
      ...spec,
      status: 403,
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(reset),
        ...spec.headers,
      },
      body: {
        message:
          "API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.",
        documentation_url:
          "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
        status: "403",
      },
    });
  }

  /** The first fault that matches this request, consuming one of its `times`. */
  take(method: string, path: string, body = ""): Fault | undefined {
    for (const fault of this.faults) {
      if (fault.remaining <= 0) continue;
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      const matches =
        typeof fault.path === "string"
          ? path === fault.path || path.startsWith(fault.path)
          : fault.path.test(path);
      if (!matches) continue;
      if (fault.requestBody && !fault.requestBody.test(body)) continue;
      if (fault.distinct) {
        const seen = this.seen.get(fault) ?? new Set<string>();
        this.seen.set(fault, seen);
        const key = `${method.toUpperCase()} ${path} ${body}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      fault.remaining--;
      fault.hits++;
      if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return fault;
    }
    return undefined;
  }

  /** Faults still armed. */
  get active(): Fault[] {
    return [...this.faults];
  }

  clear(): void {
    for (const fault of [...this.faults]) fault.cancel();
  }
}

export function defaultFaultBody(status: number): Record<string, unknown> {
  const messages: Record<number, string> = {
    403: SECONDARY_MESSAGE,
    429: "API rate limit exceeded",
    500: "Server Error",
    502: "Server Error",
    503: "Service Unavailable",
    504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
  };
  return {
    message: messages[status] ?? "Injected fault",
    documentation_url: "https://docs.github.com/rest",
    status: String(status),
  };
}
