import type { RepoRecord } from "./model.js";
import type { AnnotationRecord, CheckRunRecord } from "./ops/checks.js";
import { app, repoApi, repoHtml } from "./shapes.js";
import { nodeId } from "./util.js";
import type { World } from "./world.js";

type Json = Record<string, unknown>;

/** A check run as the REST API returns it (`check-run` in GitHub's OpenAPI description). */
export function checkRun(w: World, repo: RepoRecord, r: CheckRunRecord): Json {
  const url = `${repoApi(w, repo)}/check-runs/${r.id}`;
  return {
    id: r.id,
    head_sha: r.headSha,
    node_id: nodeId("CR", r.id),
    external_id: r.externalId,
    url,
    html_url: `${repoHtml(w, repo)}/runs/${r.id}`,
    details_url: r.detailsUrl ?? `${repoHtml(w, repo)}/runs/${r.id}`,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.startedAt,
    completed_at: r.completedAt,
    output: {
      title: r.output.title,
      summary: r.output.summary,
      text: r.output.text,
      annotations_count: r.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    name: r.name,
    check_suite: { id: r.suiteId },
    app: app(w),
    pull_requests: pullRequestsAt(w, repo, r.headSha),
  };
}

/** Open pull requests whose head is the run's commit (`pull-request-minimal`). */
function pullRequestsAt(w: World, repo: RepoRecord, sha: string): Json[] {
  const ref = (name: string, at: string) => ({
    ref: name,
    sha: at,
    repo: { id: repo.id, url: repoApi(w, repo), name: repo.name },
  });
  return [...repo.issues.values()]
    .filter((i) => i.state === "open" && i.pull?.headSha === sha)
    .map((i) => ({
      id: i.id,
      number: i.number,
      url: `${repoApi(w, repo)}/pulls/${i.number}`,
      head: ref(i.pull?.headRef ?? "", sha),
      base: ref(i.pull?.baseRef ?? "", i.pull?.baseSha ?? ""),
    }));
}

/** An annotation as `GET .../check-runs/{id}/annotations` lists it. */
export function checkAnnotation(
  w: World,
  repo: RepoRecord,
  r: CheckRunRecord,
  a: AnnotationRecord,
): Json {
  return {
    path: a.path,
    blob_href: `${repoHtml(w, repo)}/blob/${r.headSha}/${a.path}`,
    start_line: a.startLine,
    end_line: a.endLine,
    start_column: a.startColumn,
    end_column: a.endColumn,
    annotation_level: a.level,
    title: a.title,
    message: a.message,
    raw_details: a.rawDetails,
  };
}
