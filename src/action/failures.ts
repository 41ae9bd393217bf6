import type { Octokit } from "@octokit/core";
import { marker } from "../github/comments.js";
import type { LogRecord } from "./log.js";

/** What commands.ts appends to a reply whose commands failed (so a redelivery retries them). */
const FAILED_REPLY = marker("failed");

/**
 * A comment written or edited (`issues.createComment`, `issues.updateComment`); the hook sees
 * the route's template or, for a plain request, its path.
 */
const COMMENT_WRITE = /^(POST \S*\/issues\/[^/]+\/comments|PATCH \S*\/issues\/comments\/[^/]+)$/;

/**
 * Whether the bot failed while handling the event, which makes the run fail. A refusal (no
 * permission, nothing to release, a pick that conflicts) is an answer, not a failure. A failure
 * is what the app reports as one: an error it logged or threw, a flow it logged with status
 * `failed` (a first candidate or a release pull request's tag that could not be made), or a
 * reply that says a command failed.
 */
export class FailureRecorder {
  readonly failures: string[] = [];

  add(description: string): void {
    this.failures.push(description);
  }

  observeLog = (record: LogRecord): void => {
    if (record.level >= 50) this.add(record.msg ?? record.err?.message ?? "an error was logged");
    else if (record.status === "failed") this.add(record.msg ?? "a flow failed");
  };

  /** An Octokit plugin: notes replies that say a command failed. */
  octokitPlugin = (octokit: Octokit): void => {
    octokit.hook.after("request", (_response, options) => {
      const route = `${options.method} ${options.url}`;
      const body = (options as { body?: unknown }).body;
      if (typeof body === "string" && body.includes(FAILED_REPLY) && COMMENT_WRITE.test(route)) {
        this.add("a reply says a command failed");
      }
    });
  };
}
