import semver from "semver";
import { RELEASE_PR_BRANCH_PREFIX } from "../../core/release/commit.js";
import type { ReleaseLine } from "../../core/version/numbering.js";
import { versionStrings } from "../../core/version/spellings.js";
import { getBranchHead, pointBranch } from "../../github/branches.js";
import { createCommit } from "../../github/commit-files.js";
import { openPullRequest } from "../../github/pulls.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, pullLink } from "../links.js";
import { computeBump } from "./bump.js";

/**
 * After a line is cut, the default branch moves on to the next minor's development version
 * (`developmentVersion`, Kubernetes' krel tags the next `-alpha.0`), through a pull request so
 * that the project's review and checks see it. Null when the setting is off.
 */
export async function openDevelopmentVersion(
  ctx: FlowContext,
  line: ReleaseLine,
  defaultBranch: string,
): Promise<Outcome | null> {
  const format = ctx.config.developmentVersion;
  if (format === false) return null;
  const text = format
    .replaceAll("{major}", String(line.major))
    .replaceAll("{minor}", String(line.minor + 1));
  const version = semver.valid(text);
  if (!version) {
    return outcome(
      "failed",
      `\`developmentVersion\` gives \`${text}\`, which is not SemVer, so ${branchLink(ctx, defaultBranch)} keeps its version.`,
    );
  }
  const strings = versionStrings(ctx.config, version);
  const head = await getBranchHead(ctx.github, ctx.repo, defaultBranch);
  if (!head) return null;
  const bump = await computeBump(ctx, head, strings, undefined, {
    changelog: false,
    places: false,
  });
  if (!bump.ok) {
    return outcome(
      "failed",
      `Cannot set ${branchLink(ctx, defaultBranch)} to the development version \`${version}\`: ${bump.errors.join("; ")}.`,
    );
  }
  if (bump.changes.length === 0) {
    return outcome(
      "unchanged",
      `${branchLink(ctx, defaultBranch)} already carries \`${version}\`.`,
    );
  }
  const title = `Set the development version to ${version}`;
  const sha = await createCommit(ctx.github, ctx.repo, {
    parentSha: head.sha,
    parentTreeSha: head.treeSha,
    files: bump.changes,
    message: `${title}\n\n${bump.changes.map((c) => `- ${c.path}`).join("\n")}\n`,
    signoff: ctx.config.commits.signoff ? ctx.delivery.signers : undefined,
  });
  const branch = `${RELEASE_PR_BRANCH_PREFIX}development-${strings.tag}`;
  await pointBranch(ctx.github, ctx.repo, branch, sha);
  const pr = await openPullRequest(
    ctx.github,
    ctx.repo,
    {
      title,
      head: branch,
      base: defaultBranch,
      body: `Release line ${line.major}.${line.minor} has its branch; ${defaultBranch} moves on to \`${version}\` (\`developmentVersion\` in .github/release-bot.yml) in:\n${bump.changes.map((c) => `- \`${c.path}\``).join("\n")}`,
    },
    { sleep: (ms) => ctx.delivery.clock.sleep(ms) },
  );
  return outcome(
    "done",
    `Opened ${pullLink(ctx, pr.number)} to set ${branchLink(ctx, defaultBranch)} to the development version \`${version}\`.`,
  );
}
