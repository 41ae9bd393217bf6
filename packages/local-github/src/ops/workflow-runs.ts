/**
 * Workflow runs, as far as their `workflow_run` webhook goes ("Webhook events and payloads",
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#workflow_run): the local GitHub
 * runs no Actions, so a test says when a run of a workflow on a commit completed and how, and
 * the local GitHub delivers `workflow_run` `completed` shaped like GitHub's (checked against
 * @octokit/webhooks-schemas). The workflow file must exist at the commit, as GitHub only runs
 * workflows the commit has.
 */
import { createHash } from "node:crypto";
import { emit, type OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { identDate, repoApi, repoHtml, repository, user } from "../shapes.js";
import { nodeId } from "../util.js";

type Json = Record<string, unknown>;

export type WorkflowRunConclusion =
  | "success"
  | "failure"
  | "neutral"
  | "cancelled"
  | "timed_out"
  | "action_required"
  | "stale"
  | "skipped";

export interface WorkflowRunSpec {
  /** The workflow file: `release.yaml` or `.github/workflows/release.yaml`. */
  workflow: string;
  /** The commit the run ran on (`head_sha`). */
  headSha: string;
  /** The branch or tag of the run (`head_branch`; a tag push's run names the tag). */
  headBranch: string;
  /** What started it (`push`, `release`, `workflow_dispatch`, …); default `push`. */
  event?: string;
  conclusion?: WorkflowRunConclusion;
  /** The workflow's `name:`; default: the file name. */
  name?: string;
}

/** The fields of `repository` that `repository-lite` (a run's `repository`) keeps. */
const LITE_FIELDS = [
  "archive_url",
  "assignees_url",
  "blobs_url",
  "branches_url",
  "collaborators_url",
  "comments_url",
  "commits_url",
  "compare_url",
  "contents_url",
  "contributors_url",
  "deployments_url",
  "description",
  "downloads_url",
  "events_url",
  "fork",
  "forks_url",
  "full_name",
  "git_commits_url",
  "git_refs_url",
  "git_tags_url",
  "hooks_url",
  "html_url",
  "id",
  "issue_comment_url",
  "issue_events_url",
  "issues_url",
  "keys_url",
  "labels_url",
  "languages_url",
  "merges_url",
  "milestones_url",
  "name",
  "node_id",
  "notifications_url",
  "owner",
  "private",
  "pulls_url",
  "releases_url",
  "stargazers_url",
  "statuses_url",
  "subscribers_url",
  "subscription_url",
  "tags_url",
  "teams_url",
  "trees_url",
  "url",
];

/** A workflow's id: the same for every run of one file, as GitHub's are. */
function workflowIdOf(repo: RepoRecord, path: string): number {
  const hash = createHash("sha1").update(`${repo.id}:${path}`).digest();
  return 90_000_000 + (hash.readUInt32BE(0) % 10_000_000);
}

export async function completeWorkflowRun(
  ctx: OpContext,
  repo: RepoRecord,
  spec: WorkflowRunSpec,
): Promise<Json> {
  const w = ctx.world;
  const path = spec.workflow.includes("/") ? spec.workflow : `.github/workflows/${spec.workflow}`;
  const commit = await repo.git.readCommit(spec.headSha);
  if (!commit) throw new Error(`no commit ${spec.headSha} in ${repo.fullName}`);
  if (!(await repo.git.revParse(`${commit.sha}:${path}`))) {
    throw new Error(`${repo.fullName} has no ${path} at ${commit.sha.slice(0, 7)}`);
  }
  const workflowId = workflowIdOf(repo, path);
  const runId = w.nextId("run");
  const now = w.now();
  const api = repoApi(w, repo);
  const html = repoHtml(w, repo);
  const full = repository(w, repo, "webhook");
  const lite = Object.fromEntries(LITE_FIELDS.map((field) => [field, full[field]]));
  const actor = user(w, ctx.actor.user ?? w.user(w.defaultUser));
  const name = spec.name ?? path.slice(path.lastIndexOf("/") + 1);
  const run = `${api}/actions/runs/${runId}`;
  const person = (ident: typeof commit.author) => ({ name: ident.name, email: ident.email });
  const workflowRun: Json = {
    id: runId,
    name,
    node_id: nodeId("WFR", runId),
    head_branch: spec.headBranch,
    head_sha: commit.sha,
    path,
    display_title: commit.message.split("\n", 1)[0] ?? "",
    run_number: runId % 100_000,
    event: spec.event ?? "push",
    status: "completed",
    conclusion: spec.conclusion ?? "success",
    workflow_id: workflowId,
    check_suite_id: runId,
    check_suite_node_id: nodeId("CS", runId),
    url: run,
    html_url: `${html}/actions/runs/${runId}`,
    pull_requests: [],
    created_at: now,
    updated_at: now,
    actor,
    run_attempt: 1,
    run_started_at: now,
    triggering_actor: actor,
    jobs_url: `${run}/jobs`,
    logs_url: `${run}/logs`,
    check_suite_url: `${api}/check-suites/${runId}`,
    artifacts_url: `${run}/artifacts`,
    cancel_url: `${run}/cancel`,
    rerun_url: `${run}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${api}/actions/workflows/${workflowId}`,
    head_commit: {
      id: commit.sha,
      tree_id: commit.tree,
      message: commit.message,
      timestamp: identDate(commit.committer),
      author: person(commit.author),
      committer: person(commit.committer),
    },
    repository: lite,
    head_repository: lite,
  };
  emit(ctx, repo, "workflow_run", {
    action: "completed",
    workflow: {
      id: workflowId,
      node_id: nodeId("W", workflowId),
      name,
      path,
      state: "active",
      created_at: repo.createdAt,
      updated_at: repo.createdAt,
      url: `${api}/actions/workflows/${workflowId}`,
      html_url: `${html}/blob/${repo.defaultBranch}/${path}`,
      badge_url: `${html}/workflows/${encodeURIComponent(name)}/badge.svg`,
    },
    workflow_run: workflowRun,
  });
  return workflowRun;
}
