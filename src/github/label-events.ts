import type { LabelEvent } from "../core/pick/approval.js";
import type { GitHub, RepoId } from "./types.js";

/**
 * The `labeled` and `unlabeled` events of an issue or pull request, oldest first, with who made
 * each (GitHub's issue events API; other events are dropped). Who added a label is known only
 * here once its webhook has gone by.
 */
export async function listLabelEvents(
  github: GitHub,
  repo: RepoId,
  number: number,
): Promise<LabelEvent[]> {
  const events = await github.paginate(github.rest.issues.listEvents, {
    ...repo,
    issue_number: number,
    per_page: 100,
  });
  return events.flatMap((event): LabelEvent[] =>
    (event.event === "labeled" || event.event === "unlabeled") && "label" in event && event.label
      ? [{ event: event.event, label: event.label.name, actor: event.actor?.login ?? null }]
      : [],
  );
}
