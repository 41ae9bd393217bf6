import type { Octokit } from "@octokit/core";
import { marker } from "../github/comments.js";
import { PROBLEM_LABEL } from "../github/problem-issue.js";
import type { LogRecord } from "./log.js";

/** What commands.ts appends to a reply whose commands failed (so a redelivery retries them). */
const FAILED_REPLY = marker("failed");

/**
 * A comment written or edited (`issues.createComment`, `issues.updateComment`); the hook sees
 * the route's template or, for a plain request, its path.
 */
const COMMENT_WRITE = /^(POST \S*\/issues\/[^/]+\/comments|PATCH \S*\/issues\/comments\/[^/]+)$/;

/** The repository's issues, listed or created (`issues.listForRepo`, `issues.create`). */
const ISSUES = /^(GET|POST) \S*\/repos\/[^/]+\/[^/]+\/issues$/;

type RequestOptions = { method: string; url: string; body?: unknown; labels?: unknown };

/**
 * Whether the bot failed while handling the event, which makes the run fail. A refusal (no
 * permission, nothing to release, a pick that conflicts) is an answer, not a failure. A failure
 * is what the app reports as one: an error it logged or threw, a reply that says a command
 * failed, or a problem reported in a `release-bot` issue (a release branch that got no
 * candidate, a release pull request whose merge was not tagged), found or opened.
 */
export class FailureRecorder {
  readonly failures: string[] = [];

  add(description: string): void {
    this.failures.push(description);
  }

  observeLog = (record: LogRecord): void => {
    if (record.level >= 50) this.add(record.msg ?? record.err?.message ?? "an error was logged");
  };

  /** An Octokit plugin: notes the requests that report a failure to the repository's people. */
  octokitPlugin = (octokit: Octokit): void => {
    octokit.hook.after("request", (_response, options) => {
      const request = options as RequestOptions;
      const route = `${request.method} ${request.url}`;
      if (
        COMMENT_WRITE.test(route) &&
        typeof request.body === "string" &&
        request.body.includes(FAILED_REPLY)
      ) {
        this.add("a reply says a command failed");
      }
      const labels = [request.labels].flat();
      if (ISSUES.test(route) && labels.includes(PROBLEM_LABEL)) {
        this.add(`the problem is reported in an issue labelled \`${PROBLEM_LABEL}\``);
      }
    });
  };
}
