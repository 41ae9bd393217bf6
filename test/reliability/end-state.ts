/**
 * A repository's end state as its users see it, one line per thing, so that the state a flow
 * left after faults can be compared with the state the same flow leaves uninterrupted in a twin
 * repository: refs (by the subject of the commit they name, and the version there), each
 * branch's history, releases, issues and pull requests (title, state, labels, assignees, body),
 * comments, reactions and check runs. Commit ids, dates and comment ids differ between two runs
 * of the same flow and are written as placeholders.
 */
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { visibleText } from "./counters.js";

/** What differs between two end states, as lines: there only after the faults, or only before. */
export interface StateDiff {
  extra: string[];
  missing: string[];
}

const normalize = (text: string): string =>
  text
    // The dashboard's hidden state is base64 JSON: compared decoded, with its ids and dates.
    .replace(
      /(dashboard-state) ([A-Za-z0-9+/=]+)/g,
      (_all, key: string, data: string) =>
        `${key} ${normalize(Buffer.from(data, "base64").toString("utf8"))}`,
    )
    .replace(/[0-9a-f]{40}/g, "<sha>")
    .replace(/`[0-9a-f]{7}`/g, "`<short>`")
    .replace(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?/g, "<date>")
    .replace(/(reply-to:|issuecomment-|comments\/)\d+/g, "$1<id>")
    .replace(/\s+$/g, "");

async function subject(repo: SandboxRepo, sha: string): Promise<string> {
  return (await repo.readCommit(sha))?.message.split("\n", 1)[0] ?? "?";
}

function issueNumbers(repo: SandboxRepo): number[] {
  const numbers: number[] = [];
  // Issues and pull requests share one numbering without gaps.
  for (let n = 1; ; n++) {
    try {
      repo.issue(n);
      numbers.push(n);
    } catch {
      return numbers;
    }
  }
}

export async function endState(sandbox: Sandbox, repo: SandboxRepo): Promise<string[]> {
  const lines: string[] = [];
  const refs = (await repo.git("for-each-ref", "--format=%(refname) %(objectname) %(objecttype)"))
    .split("\n")
    .filter(Boolean);
  for (const line of refs) {
    const [ref = "", object = "", type = ""] = line.split(" ");
    if (ref.startsWith("refs/pull/")) continue;
    const commit = (await repo.git("rev-parse", `${object}^{commit}`)).trim();
    const version = (await repo.readFile(commit, "VERSION"))?.trim() ?? "-";
    const message =
      type === "tag"
        ? ` "${(await repo.git("tag", "-l", "--format=%(contents:subject)", ref.slice(10))).trim()}"`
        : "";
    lines.push(
      `ref ${ref} (${type}${message}) -> "${await subject(repo, commit)}" VERSION ${version}`,
    );
    if (ref.startsWith("refs/heads/")) {
      const log = await repo.git("log", "--format=%s", "-15", commit);
      lines.push(`history ${ref}: ${log.trim().split("\n").join(" | ")}`);
    }
  }
  for (const r of repo.releases()) {
    const release = r as Record<string, unknown>;
    lines.push(
      normalize(
        `release ${release.tag_name} name=${release.name} prerelease=${release.prerelease} draft=${release.draft} body=${JSON.stringify(release.body)}`,
      ),
    );
  }
  const heads: Array<{ number: number; sha: string }> = [];
  for (const number of issueNumbers(repo)) {
    const issue = repo.issue(number) as Record<string, unknown>;
    const assignees = ((issue.assignees as Array<{ login: string }>) ?? []).map((a) => a.login);
    let pull = "";
    if (issue.pull_request) {
      const p = (await repo.pull(number)) as Record<string, unknown>;
      const head = p.head as { ref: string; sha: string };
      heads.push({ number, sha: head.sha });
      pull = ` pull ${head.ref} -> ${(p.base as { ref: string }).ref} merged=${p.merged} head="${await subject(repo, head.sha)}"`;
    }
    lines.push(
      normalize(
        `issue #${number} "${issue.title}" ${issue.state} labels=[${repo.labels(number).join(",")}] assignees=[${assignees.join(",")}]${pull} body=${JSON.stringify(issue.body ?? "")}`,
      ),
    );
    for (const c of repo.comments(number)) {
      const user = (c.user as { login?: string } | undefined)?.login ?? "";
      const reactions = (c as { reactions?: Record<string, unknown> }).reactions;
      lines.push(
        normalize(
          `comment #${number} ${user}: ${JSON.stringify(visibleText(c.body))} markers=${(c.body.match(/<!-- release-bot:[^ >]*/g) ?? []).join(",")} eyes=${reactions?.eyes ?? 0}`,
        ),
      );
    }
  }
  for (const { number, sha } of heads) {
    const response = await fetch(
      `${sandbox.url}/repos/${repo.fullName}/commits/${sha}/check-runs?per_page=100`,
    );
    const { check_runs: runs } = (await response.json()) as {
      check_runs: Array<{
        name: string;
        status: string;
        conclusion: string | null;
        output: { title: string | null };
      }>;
    };
    for (const run of runs) {
      lines.push(
        normalize(
          `check #${number} "${run.name}" ${run.status} ${run.conclusion} "${run.output.title}"`,
        ),
      );
    }
  }
  return lines.sort();
}

/** Lines after the faults that the uninterrupted run does not have, and the reverse (multisets). */
export function diffStates(
  uninterrupted: readonly string[],
  faulted: readonly string[],
): StateDiff {
  const remaining = [...uninterrupted];
  const extra: string[] = [];
  for (const line of faulted) {
    const at = remaining.indexOf(line);
    if (at >= 0) remaining.splice(at, 1);
    else extra.push(line);
  }
  return { extra, missing: remaining };
}
