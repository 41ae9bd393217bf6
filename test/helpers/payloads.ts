import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown>>;
}

const groups = require("@octokit/webhooks-examples/api.github.com/index.json") as ExampleGroup[];

// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are edited freely in tests
type Payload = any;

/** A real payload from GitHub's published webhook examples, deep-copied so a test may edit it. */
export function examplePayload(
  event: string,
  match: (payload: Payload) => boolean = () => true,
): Payload {
  const group = groups.find((g) => g.name === event);
  const example = group?.examples.find(match);
  if (!example) throw new Error(`no ${event} example matches`);
  return structuredClone(example);
}

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const REPO_URL = `https://github.com/${OWNER}/${REPO}`;
export const INSTALLATION_ID = 1;

/** `create` of a branch (the examples only create tags; the shape is the same). */
export function branchCreatedPayload(ref: string, sender = "Codertocat"): Payload {
  const payload = examplePayload("create");
  payload.ref = ref;
  payload.ref_type = "branch";
  payload.sender.login = sender;
  payload.installation = {
    id: INSTALLATION_ID,
    node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==",
  };
  return payload;
}

/** `create` of a tag, as the bot's own tagging produces. */
export function tagCreatedPayload(ref: string, sender = "release-bot[bot]"): Payload {
  const payload = branchCreatedPayload(ref, sender);
  payload.ref_type = "tag";
  payload.sender.type = "Bot";
  return payload;
}

let nextCommentId = 1000;

/** `issue_comment.created` with the given body, on an issue or (with `pullRequest`) a pull request. */
export function commentPayload(
  body: string,
  options: {
    user?: string;
    userType?: "User" | "Bot";
    pullRequest?: boolean;
    issueNumber?: number;
  } = {},
): Payload {
  const payload = examplePayload("issue_comment", (p) => p.action === "created");
  const user = options.user ?? "maintainer";
  payload.comment.body = body;
  payload.comment.id = nextCommentId++;
  payload.comment.user.login = user;
  payload.comment.user.type = options.userType ?? "User";
  payload.sender.login = user;
  payload.sender.type = options.userType ?? "User";
  payload.issue.number = options.issueNumber ?? 1;
  if (options.pullRequest) {
    payload.issue.pull_request = {
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${payload.issue.number}`,
      html_url: `${REPO_URL}/pull/${payload.issue.number}`,
      diff_url: `${REPO_URL}/pull/${payload.issue.number}.diff`,
      patch_url: `${REPO_URL}/pull/${payload.issue.number}.patch`,
      merged_at: null,
    };
  } else {
    delete payload.issue.pull_request;
  }
  payload.installation = {
    id: INSTALLATION_ID,
    node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==",
  };
  return payload;
}

/** `pull_request` with the given action, edited to the given state. */
export function pullRequestPayload(
  action: "closed" | "labeled" | "opened" | "reopened" | "unlabeled",
  edit: {
    number?: number;
    merged?: boolean;
    mergeCommitSha?: string | null;
    headRef?: string;
    baseRef?: string;
    labels?: string[];
    label?: string;
    title?: string;
    body?: string | null;
    author?: string;
    sender?: string;
    fork?: boolean;
  } = {},
): Payload {
  const payload = examplePayload(
    "pull_request",
    (p) => p.action === (action === "opened" ? "opened" : action),
  );
  const pr = payload.pull_request;
  if (edit.number !== undefined) {
    pr.number = edit.number;
    payload.number = edit.number;
  }
  if (edit.merged !== undefined) {
    pr.merged = edit.merged;
    pr.state = "closed";
  }
  if (edit.mergeCommitSha !== undefined) pr.merge_commit_sha = edit.mergeCommitSha;
  if (edit.headRef) pr.head.ref = edit.headRef;
  if (edit.baseRef) pr.base.ref = edit.baseRef;
  if (edit.title) pr.title = edit.title;
  if (edit.body !== undefined) pr.body = edit.body;
  if (edit.author) pr.user.login = edit.author;
  if (edit.labels) {
    pr.labels = edit.labels.map((name, i) => ({ ...pr.labels[0], id: 100 + i, name }));
  }
  if (edit.label) payload.label = { ...(payload.label ?? pr.labels[0]), name: edit.label };
  if (edit.sender) payload.sender.login = edit.sender;
  if (edit.fork) pr.head.repo = { ...pr.head.repo, full_name: `someone/${REPO}` };
  payload.installation = {
    id: INSTALLATION_ID,
    node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==",
  };
  return payload;
}
