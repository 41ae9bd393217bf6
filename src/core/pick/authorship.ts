/**
 * Who wrote a picked commit, when GitHub must sign the picks. Pure.
 *
 * GitHub signs a commit an App makes through the API only when it carries no custom author or
 * committer, so a branch that requires signed commits gets picks authored by the App. The
 * original author is kept where GitHub shows it: a `Co-authored-by:` trailer on each commit
 * (GitHub lists co-authors on the commit and credits their contribution graph) and a line in
 * the pick pull request's body.
 */
import { cherryPickedMessage } from "./message.js";
import type { GitPerson, PickCommit } from "./plan.js";

const coAuthorLine = (author: GitPerson) => `Co-authored-by: ${author.name} <${author.email}>`;

/** The picked commit's message; in signed mode with the author as a trailer. */
export function pickCommitMessage(commit: PickCommit, signed: boolean): string {
  const message = cherryPickedMessage(commit.message, commit.sha);
  if (!signed || commit.author === null) return message;
  const line = coAuthorLine(commit.author);
  return message.includes(line) ? message : `${message}${line}\n`;
}

/** The paragraph the pick pull request's body gets in signed mode: who wrote the commits. */
export function signedPicksNote(commits: readonly PickCommit[]): string {
  const authors = [
    ...new Set(commits.flatMap((c) => (c.author ? [`${c.author.name} <${c.author.email}>`] : []))),
  ];
  const by = authors.length > 0 ? ` Written by ${authors.join(", ")}.` : "";
  return `The target branch requires signed commits, so GitHub signed these picks and the App is their author; the original authors are \`Co-authored-by\` trailers.${by}`;
}
