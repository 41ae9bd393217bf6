import type { OpContext, SandboxEvent } from "./context.js";
import type { GitIdent, ParsedCommit } from "./git.js";
import type { RepoRecord } from "./model.js";
import {
  addLabels,
  createComment,
  createIssue,
  removeLabel,
  requireComment,
  requireIssue,
  updateIssue,
} from "./ops/issues.js";
import { createMilestone, setIssueMilestone } from "./ops/milestones.js";
import { treeFromFiles } from "./ops/objects.js";
import { pullJson } from "./ops/pull-shape.js";
import { createPull, type MergeMethod, mergePull, requirePull, testMerge } from "./ops/pulls.js";
import { afterRefChange } from "./ops/ref-events.js";
import { createRef, deleteRef, resolveCommitish } from "./ops/refs.js";
import { requestReviewers } from "./ops/reviewers.js";
import { completeWorkflowRun, type WorkflowRunSpec } from "./ops/workflow-runs.js";
import {
  applyRules,
  type ProtectionSpec,
  type RulesetSpec,
  type RulesInput,
} from "./rules/settings.js";
import { isSigned } from "./rules/signatures.js";
import { comment as commentJson, issue as issueJson, release as releaseJson } from "./shapes.js";
import type { Role } from "./util.js";
import type { WebhookDispatcher } from "./webhooks.js";
import type { World } from "./world.js";

type Json = Record<string, unknown>;

/** A git author: a login (its name and noreply email) or an explicit name/email. */
export type AuthorSpec = string | { name: string; email: string; login?: string };

export interface AsUser {
  /** The acting user (webhook `sender`); default: the sandbox's default user. */
  as?: string;
}

export interface CommitOptions extends AsUser {
  branch: string;
  /** path -> new content; null deletes the file. */
  files: Record<string, string | Buffer | null>;
  message: string;
  author?: AuthorSpec;
  committer?: AuthorSpec;
  /** Commit date (default: the sandbox clock). */
  date?: Date;
  /** Create `branch` from this ref when it does not exist yet (default: the default branch). */
  from?: string;
}

export interface PushCommitsOptions extends Omit<CommitOptions, "files" | "message"> {
  commits: ReadonlyArray<{ files: Record<string, string | Buffer | null>; message: string }>;
}

export interface OpenPullRequestOptions {
  head: string;
  /** Default: the default branch. */
  base?: string;
  title: string;
  body?: string;
  /** The author (webhook `sender` of `opened`). */
  user: string;
  labels?: string[];
  draft?: boolean;
}

/**
 * Script API for one repository: act as users (each action sends the webhooks GitHub would),
 * and read real state. Everything goes through the same operations as the REST API.
 */
export class SandboxRepo {
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  /** Path of the bare repository; read real state with `git --git-dir <gitDir> ...`. */
  readonly gitDir: string;
  /** @internal */
  readonly record: RepoRecord;
  private readonly world: World;
  private readonly webhooks: WebhookDispatcher;

  constructor(world: World, webhooks: WebhookDispatcher, record: RepoRecord) {
    this.world = world;
    this.webhooks = webhooks;
    this.record = record;
    this.owner = record.owner.login;
    this.name = record.name;
    this.fullName = record.fullName;
    this.gitDir = record.gitDir;
  }

  get defaultBranch(): string {
    return this.record.defaultBranch;
  }

  /** Run an operation as a user and deliver the webhooks it caused. */
  private async act<T>(login: string | undefined, fn: (ctx: OpContext) => Promise<T>): Promise<T> {
    const events: SandboxEvent[] = [];
    const ctx: OpContext = {
      world: this.world,
      actor: { kind: "user", user: this.world.user(login ?? this.world.defaultUser), script: true },
      emit: (event) => events.push(event),
    };
    try {
      return await fn(ctx);
    } finally {
      this.webhooks.enqueue(events);
    }
  }

  private ident(spec: AuthorSpec | undefined, fallbackLogin: string, date: Date): GitIdent {
    if (spec === undefined || typeof spec === "string") {
      return this.world.ident(this.world.user(spec ?? fallbackLogin), date);
    }
    return {
      name: spec.name,
      email: spec.email,
      time: Math.floor(date.getTime() / 1000),
      tzOffset: 0,
    };
  }

  /** Run git against this repository (`git --git-dir <gitDir> ...args`); returns stdout. */
  git(...args: string[]): Promise<string> {
    return this.record.git.text(args);
  }

  /** The commit sha a ref (branch, tag, sha) resolves to, or null. */
  resolve(ref: string): Promise<string | null> {
    return resolveCommitish(this.record, ref);
  }

  /** File content at a ref, or null when absent. */
  async readFile(ref: string, path: string): Promise<string | null> {
    const sha = await this.resolve(ref);
    if (!sha) return null;
    const blob = await this.record.git.revParse(`${sha}:${path}`);
    if (!blob) return null;
    const obj = await this.record.git.readObject(blob);
    return obj?.type === "blob" ? obj.data.toString("utf8") : null;
  }

  /** All file paths at a ref. */
  async listFiles(ref: string): Promise<string[]> {
    const sha = await this.resolve(ref);
    if (!sha) return [];
    const out = await this.record.git.text(["ls-tree", "-r", "--name-only", "-z", sha]);
    return out.split("\0").filter(Boolean);
  }

  async readCommit(ref: string): Promise<ParsedCommit | null> {
    const sha = await this.resolve(ref);
    return sha ? this.record.git.readCommit(sha) : null;
  }

  /** Branch names. */
  async branches(): Promise<string[]> {
    return (await this.record.git.forEachRef("refs/heads/")).map((r) =>
      r.ref.slice("refs/heads/".length),
    );
  }

  /** Tag names with the commit each points to (annotated tags peeled). */
  async tags(): Promise<Array<{ name: string; sha: string; commit: string }>> {
    const refs = await this.record.git.forEachRef("refs/tags/");
    const result = [];
    for (const r of refs) {
      const commit = (await this.record.git.revParse(r.sha, "commit")) ?? r.sha;
      result.push({ name: r.ref.slice("refs/tags/".length), sha: r.sha, commit });
    }
    return result;
  }

  /** Push a commit to a branch as a user (`push` webhook; `synchronize` for PRs from it). */
  async commit(options: CommitOptions): Promise<string> {
    const { files, message, ...rest } = options;
    const [sha] = await this.pushCommits({ ...rest, commits: [{ files, message }] });
    return sha as string;
  }

  /**
   * Commits one after another on a branch, pushed at once: one `push` webhook, as a `git push`
   * of several commits sends (its payload lists at most 20). Returns the shas, oldest first.
   */
  async pushCommits(options: PushCommitsOptions): Promise<string[]> {
    const w = this.world;
    const authorLogin =
      typeof options.author === "string"
        ? options.author
        : (options.author?.login ?? options.as ?? w.defaultUser);
    const as = options.as ?? authorLogin;
    return this.act(as, async (ctx) => {
      const git = this.record.git;
      const date = options.date ?? w.clock();
      const ref = `refs/heads/${options.branch}`;
      const before = await git.readRef(ref);
      let parent =
        before ?? (await resolveCommitish(this.record, options.from ?? this.record.defaultBranch));
      const author = this.ident(options.author, authorLogin, date);
      const committer = options.committer
        ? this.ident(options.committer, authorLogin, date)
        : author;
      const shas: string[] = [];
      for (const commit of options.commits) {
        const baseTree = parent ? ((await git.readCommit(parent))?.tree ?? null) : null;
        const tree = await treeFromFiles(git, baseTree, commit.files);
        parent = await git.commitTree({
          tree,
          parents: parent ? [parent] : [],
          message: commit.message,
          author,
          committer,
        });
        shas.push(parent);
      }
      const after = shas.at(-1);
      if (after === undefined) return shas;
      if (!(await git.updateRef(ref, after, before))) {
        throw new Error(`branch ${options.branch} moved while committing; retry`);
      }
      await afterRefChange(ctx, this.record, { ref, before, after, forced: false });
      return shas;
    });
  }

  /** Create a branch at a ref (`create` webhook). Returns its sha. */
  async createBranch(name: string, fromRef?: string, options: AsUser = {}): Promise<string> {
    return this.act(options.as, async (ctx) => {
      const from = fromRef ?? this.record.defaultBranch;
      const sha = await resolveCommitish(this.record, from);
      if (!sha) throw new Error(`unknown ref ${from}`);
      await createRef(ctx, this.record, `refs/heads/${name}`, sha);
      return sha;
    });
  }

  async deleteBranch(name: string, options: AsUser = {}): Promise<void> {
    await this.act(options.as, (ctx) => deleteRef(ctx, this.record, `refs/heads/${name}`));
  }

  /** Create a tag (lightweight, or annotated with `message`). Returns the tag ref's target. */
  async createTag(
    name: string,
    ref: string,
    options: AsUser & { message?: string } = {},
  ): Promise<string> {
    return this.act(options.as, (ctx) => this.makeTag(ctx, { name, ref, ...options }));
  }

  /**
   * Push several tags at once, as `git push --tags` does; returns each tag ref's target. GitHub
   * sends no `create` and no `push` webhook for tags when more than three are pushed at once
   * (the notes of the `create` and `push` events, "Webhook events and payloads",
   * https://docs.github.com/en/webhooks/webhook-events-and-payloads#create).
   */
  async pushTags(
    tags: ReadonlyArray<{ name: string; ref: string; message?: string }>,
    options: AsUser = {},
  ): Promise<string[]> {
    return this.act(options.as, async (ctx) => {
      const silent = tags.length > 3;
      const pushed: OpContext = {
        ...ctx,
        emit: (event) => {
          if (silent && (event.name === "create" || event.name === "push")) return;
          ctx.emit(event);
        },
      };
      const targets: string[] = [];
      for (const tag of tags) targets.push(await this.makeTag(pushed, { ...tag, as: options.as }));
      return targets;
    });
  }

  private async makeTag(
    ctx: OpContext,
    tag: { name: string; ref: string; message?: string; as?: string | undefined },
  ): Promise<string> {
    const sha = await resolveCommitish(this.record, tag.ref);
    if (!sha) throw new Error(`unknown ref ${tag.ref}`);
    let target = sha;
    if (tag.message !== undefined) {
      const tagger = this.world.ident(this.world.user(tag.as ?? this.world.defaultUser));
      target = await this.record.git.mktag({
        object: sha,
        type: "commit",
        tag: tag.name,
        tagger,
        message: tag.message,
      });
    }
    await createRef(ctx, this.record, `refs/tags/${tag.name}`, target);
    return target;
  }

  /** Open a PR as `user` (`pull_request.opened`, then `labeled` per label). Returns the PR as the REST API shows it. */
  async openPullRequest(options: OpenPullRequestOptions): Promise<Json & { number: number }> {
    const number = await this.act(options.user, async (ctx) => {
      const pull = await createPull(ctx, this.record, {
        title: options.title,
        body: options.body ?? null,
        head: options.head,
        base: options.base ?? this.record.defaultBranch,
        draft: options.draft ?? false,
      });
      return pull.number;
    });
    if (options.labels && options.labels.length > 0)
      await this.addLabels(number, options.labels, { as: options.user });
    return this.pull(number);
  }

  /** Merge a PR as a user with GitHub's merge / squash / rebase. Returns the resulting sha. */
  async mergePullRequest(
    number: number,
    options: AsUser & { method?: MergeMethod; commitTitle?: string; commitMessage?: string } = {},
  ): Promise<{ sha: string }> {
    return this.act(options.as, async (ctx) => {
      const result = await mergePull(ctx, this.record, number, {
        merge_method: options.method ?? "merge",
        ...(options.commitTitle !== undefined ? { commit_title: options.commitTitle } : {}),
        ...(options.commitMessage !== undefined ? { commit_message: options.commitMessage } : {}),
      });
      return { sha: result.sha };
    });
  }

  async closePullRequest(number: number, options: AsUser = {}): Promise<void> {
    await this.act(options.as, (ctx) => updateIssue(ctx, this.record, number, { state: "closed" }));
  }

  async reopen(number: number, options: AsUser = {}): Promise<void> {
    await this.act(options.as, (ctx) => updateIssue(ctx, this.record, number, { state: "open" }));
  }

  /** Label an issue or PR (`labeled` webhook per new label). */
  async addLabels(number: number, labels: string[], options: AsUser = {}): Promise<void> {
    await this.act(options.as, (ctx) => addLabels(ctx, this.record, number, labels));
  }

  async removeLabel(number: number, label: string, options: AsUser = {}): Promise<void> {
    await this.act(options.as, (ctx) => removeLabel(ctx, this.record, number, label));
  }

  /** Comment on an issue or PR (`issue_comment.created`). Returns the comment as the REST API shows it. */
  async comment(
    number: number,
    body: string,
    options: AsUser = {},
  ): Promise<Json & { id: number }> {
    const record = await this.act(options.as, (ctx) =>
      createComment(ctx, this.record, number, body),
    );
    return commentJson(this.world, this.record, record) as Json & { id: number };
  }

  /** Open an issue (`issues.opened`). Returns its number. */
  async openIssue(options: {
    title: string;
    body?: string;
    user: string;
    labels?: string[];
  }): Promise<number> {
    const issue = await this.act(options.user, (ctx) =>
      createIssue(ctx, this.record, {
        title: options.title,
        body: options.body ?? null,
        labels: options.labels ?? [],
      }),
    );
    return issue.number;
  }

  /** The PR as `GET /pulls/{n}` returns it. */
  async pull(number: number): Promise<Json & { number: number }> {
    const pull = requirePull(this.record, number);
    const mergeable = await testMerge(this.world, this.record, pull);
    return (await pullJson(this.world, this.record, pull, { shape: "full", mergeable })) as Json & {
      number: number;
    };
  }

  /** The issue (or PR) as `GET /issues/{n}` returns it. */
  issue(number: number): Json {
    return issueJson(this.world, this.record, requireIssue(this.record, number));
  }

  /** PR numbers, optionally filtered. */
  pulls(
    filter: { state?: "open" | "closed" | "all"; base?: string; head?: string } = {},
  ): number[] {
    return [...this.record.issues.values()]
      .filter((i) => i.pull !== null)
      .filter((i) => (filter.state ?? "all") === "all" || i.state === filter.state)
      .filter((i) => !filter.base || i.pull?.baseRef === filter.base)
      .filter((i) => !filter.head || i.pull?.headRef === filter.head)
      .map((i) => i.number);
  }

  /** Comments on an issue/PR as the REST API shows them (oldest first). */
  comments(number: number): Array<Json & { id: number; body: string }> {
    const issue = requireIssue(this.record, number);
    return issue.commentIds.map(
      (id) =>
        commentJson(this.world, this.record, requireComment(this.record, id)) as Json & {
          id: number;
          body: string;
        },
    );
  }

  /** Label names on an issue/PR. */
  labels(number: number): string[] {
    return [...requireIssue(this.record, number).labels];
  }

  /** Releases, newest first, as the REST API shows them. */
  releases(): Json[] {
    return [...this.record.releases]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
      .map((r) => releaseJson(this.world, this.record, r));
  }

  release(tag: string): Json | null {
    const r = this.record.releases.find((x) => x.tagName === tag);
    return r ? releaseJson(this.world, this.record, r) : null;
  }

  /**
   * A run of a workflow on a commit completed: `workflow_run.completed` goes out (the local
   * GitHub runs no Actions). Returns the run as the payload shows it.
   */
  async completeWorkflowRun(spec: WorkflowRunSpec & AsUser): Promise<Json> {
    return this.act(spec.as, (ctx) => completeWorkflowRun(ctx, this.record, spec));
  }

  /** Give a user a role on this repository. */
  setPermission(login: string, role: Role): void {
    this.world.user(login);
    this.record.permissions.set(login.toLowerCase(), role);
  }

  /** Switch rules on or off for this repository (`rules/settings.ts`); fields not given stay. */
  setRules(input: RulesInput): void {
    applyRules(this.record.rules, input);
  }

  /** Add a ruleset ("Block force pushes" and "Restrict deletions" on unless given false). */
  addRuleset(ruleset: RulesetSpec): void {
    this.record.rules.rulesets = [
      ...this.record.rules.rulesets,
      { nonFastForward: true, deletion: true, ...ruleset },
    ];
  }

  /** Classic branch protection for a branch name pattern. */
  protect(pattern: string, options: Omit<ProtectionSpec, "pattern"> = {}): void {
    this.record.rules.protection = [...this.record.rules.protection, { pattern, ...options }];
  }

  /** Whether GitHub shows this commit as verified (signed by GitHub). */
  isVerified(sha: string): boolean {
    return isSigned(this.record, sha);
  }

  /** GitHub's "Automatically delete head branches". */
  set deleteBranchOnMerge(value: boolean) {
    this.record.deleteBranchOnMerge = value;
  }

  /** GitHub's "Allow auto-merge" (off by default, as on GitHub). */
  set allowAutoMerge(value: boolean) {
    this.record.allowAutoMerge = value;
  }

  /** Creates a milestone; returns its number. */
  async createMilestone(title: string, options: AsUser = {}): Promise<number> {
    return this.act(options.as, async (ctx) => createMilestone(ctx, this.record, { title }).number);
  }

  /** Sets an issue's or pull request's milestone (a number, or null for none). */
  setMilestone(number: number, milestone: number | null): void {
    setIssueMilestone(this.record, requireIssue(this.record, number), milestone);
  }

  /** "Ready for review" on a draft pull request (GitHub's `ready_for_review` webhook is not sent). */
  markReadyForReview(number: number): void {
    requirePull(this.record, number).pull.draft = false;
  }

  /** Asks users for a review of a pull request. */
  async requestReviewers(number: number, logins: string[], options: AsUser = {}): Promise<void> {
    await this.act(options.as, async (ctx) =>
      requestReviewers(ctx, this.record, requirePull(this.record, number), logins),
    );
  }
}
