/** A repository as `release-bot init` reads it, for the tests of its decisions. */
import type { RepositoryView } from "../../../src/core/config/init-release.js";

/** The files (path → text), the tags, and paths of the tree that were not read. */
export function view(
  files: Record<string, string>,
  tags: string[] = [],
  unread: string[] = [],
): RepositoryView {
  return { files: new Map(Object.entries(files)), paths: [...Object.keys(files), ...unread], tags };
}

/** A Chart.yaml with a `version` and, when given, an `appVersion`. */
export function chart(version: string, appVersion?: string): string {
  const app = appVersion === undefined ? "" : `appVersion: ${appVersion}\n`;
  return `apiVersion: v2\nname: op\nversion: ${version}\n${app}`;
}
