import semver from "semver";
import {
  type ChangelogPull,
  type ChangelogRelease,
  changelogBody,
  changelogSection,
  MAX_CHANGELOG_COMMITS,
  withChangelogSection,
} from "../../core/release/changelog.js";
import { RELEASE_PR_BRANCH_PREFIX } from "../../core/release/commit.js";
import { parseTag } from "../../core/version/numbering.js";
import type { VersionStrings } from "../../core/version/spellings.js";
import { compareNewest } from "../../github/compare.js";
import { listTags } from "../../github/tags.js";
import { readFiles, type TreeFile } from "../../github/tree.js";
import type { FlowContext } from "../context.js";

/** `Fix it (#12)` (squash) or `Merge pull request #12 from …` (merge): the pull request's number. */
const PULL_OF_SUBJECT = /\(#(\d+)\)$|^Merge pull request #(\d+) /;

/**
 * What the changelog of a release holds, read from GitHub: the pull requests merged into the
 * line since the previous final (by the commits between that tag and `headSha`, the newest
 * `MAX_CHANGELOG_COMMITS` of them), their labels and authors, and the head commit's date. Null when `changelog` is off, or for a candidate unless
 * `changelog.candidates`.
 */
export async function readChangelogRelease(
  ctx: FlowContext,
  headSha: string,
  strings: VersionStrings,
): Promise<ChangelogRelease | null> {
  const settings = ctx.config.changelog;
  const isCandidate = semver.prerelease(strings.version) !== null;
  if (!settings || (isCandidate && !settings.candidates)) return null;
  const previousTag = await previousFinal(ctx, strings.version);
  const { subjects, olderLeftOut } = await commitSubjects(ctx, previousTag, headSha);
  const numbers = [
    ...new Set(
      subjects.flatMap((subject) => {
        const match = PULL_OF_SUBJECT.exec(subject);
        return match ? [Number(match[1] ?? match[2])] : [];
      }),
    ),
  ];
  const pulls = await Promise.all(numbers.map((n) => readPull(ctx, n)));
  const { data: head } = await ctx.github.rest.git.getCommit({ ...ctx.repo, commit_sha: headSha });
  return {
    tag: strings.tag,
    previousTag,
    date: head.committer.date.slice(0, 10),
    repoUrl: ctx.repoUrl,
    pulls: pulls.filter((pull) => pull !== null),
    sections: settings.sections,
    fallback: settings.fallback,
    readOnlyNewest: olderLeftOut ? MAX_CHANGELOG_COMMITS : null,
  };
}

/** The new CHANGELOG.md, for the bump commit; null when no section is written or it is there. */
export async function changelogFile(
  ctx: FlowContext,
  headSha: string,
  strings: VersionStrings,
  files: readonly TreeFile[],
): Promise<{ path: string; content: string; previous: string; mode: TreeFile["mode"] } | null> {
  const settings = ctx.config.changelog;
  const release = settings ? await readChangelogRelease(ctx, headSha, strings) : null;
  if (!settings || !release) return null;
  const file = files.find((f) => f.path === settings.path);
  const previous = file
    ? ((await readFiles(ctx.github, ctx.repo, [file])).get(file.path) ?? "")
    : "";
  const content = withChangelogSection(
    file ? previous : null,
    strings.tag,
    changelogSection(release),
  );
  if (content === previous) return null;
  return { path: settings.path, content, previous, mode: file?.mode ?? "100644" };
}

/** The GitHub release's notes: the changelog section's body, when the changelog has one. */
export async function changelogNotes(
  ctx: FlowContext,
  commitSha: string,
  strings: VersionStrings,
): Promise<{ body?: string }> {
  const release = await readChangelogRelease(ctx, commitSha, strings);
  return release ? { body: changelogBody(release) } : {};
}

async function previousFinal(ctx: FlowContext, version: string): Promise<string | null> {
  const format = ctx.config.tags.format;
  const prefix = format.slice(0, format.indexOf("{version}"));
  const finals = (await listTags(ctx.github, ctx.repo, prefix)).flatMap((tag) => {
    const parsed = parseTag(format, tag.name);
    return parsed && parsed.prerelease.length === 0 && semver.lt(parsed, version)
      ? [{ tag: tag.name, version: parsed }]
      : [];
  });
  finals.sort((a, b) => semver.rcompare(a.version, b.version));
  return finals[0]?.tag ?? null;
}

/**
 * The subjects of the commits the release holds since `base` (the whole history without one),
 * the newest `MAX_CHANGELOG_COMMITS` of them, and whether older ones were left unread.
 */
async function commitSubjects(
  ctx: FlowContext,
  base: string | null,
  headSha: string,
): Promise<{ subjects: string[]; olderLeftOut: boolean }> {
  const subject = (message: string) => message.split("\n", 1)[0] ?? "";
  if (base) {
    const compared = await compareNewest(
      ctx.github,
      ctx.repo,
      `${base}...${headSha}`,
      MAX_CHANGELOG_COMMITS,
    );
    return {
      subjects: compared.commits.map((c) => subject(c.message)),
      olderLeftOut: compared.omitted > 0,
    };
  }
  // No previous final: the history from the head, newest first, as far as the bound.
  let read = 0;
  let olderLeftOut = false;
  const commits = await ctx.github.paginate(
    ctx.github.rest.repos.listCommits,
    { ...ctx.repo, sha: headSha, per_page: 100 },
    (response, done) => {
      read += response.data.length;
      if (read >= MAX_CHANGELOG_COMMITS) {
        olderLeftOut = /rel="next"/.test(response.headers.link ?? "");
        done();
      }
      return response.data;
    },
  );
  return {
    subjects: commits.slice(0, MAX_CHANGELOG_COMMITS).map((c) => subject(c.commit.message)),
    olderLeftOut,
  };
}

/** A merged pull request of the line; null for the bot's own release pull requests. */
async function readPull(ctx: FlowContext, number: number): Promise<ChangelogPull | null> {
  const { data } = await ctx.github.rest.pulls.get({ ...ctx.repo, pull_number: number });
  if (data.head.ref.startsWith(RELEASE_PR_BRANCH_PREFIX) || !data.merged_at) return null;
  return {
    number,
    title: data.title,
    url: data.html_url,
    login: data.user.login,
    userUrl: data.user.html_url,
    labels: data.labels.map((label) => label.name),
  };
}
