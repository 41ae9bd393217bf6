/**
 * GitHub App permissions per endpoint, as "Permissions required for GitHub Apps" lists them
 * (https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps), for
 * the endpoints the local GitHub serves. A request by the App's bot whose token lacks every
 * accepted permission is refused as GitHub refuses it: 403 "Resource not accessible by
 * integration", with the `X-Accepted-GitHub-Permissions` header naming what would do.
 */
import { HttpError } from "../util.js";

export const NOT_ACCESSIBLE = "Resource not accessible by integration";

type Level = "read" | "write";
interface Grant {
  name: string;
  level: Level;
}

const read = (name: string): Grant => ({ name, level: "read" });
const write = (name: string): Grant => ({ name, level: "write" });

/** Route templates (after `/repos/{owner}/{repo}`) by their first segments, and what each needs. */
function accepted(method: string, path: string): Grant[] | null {
  const writes = method !== "GET";
  const [area = "", second = ""] = path.split("/").filter(Boolean);
  switch (area) {
    case "":
    case "branches":
    case "tags":
    case "collaborators":
    case "rules":
    case "rulesets":
      return [read("metadata")];
    case "contents":
    case "commits":
    case "compare":
      return [read("contents")];
    case "git":
    case "merges":
    case "releases":
      return [writes ? write("contents") : read("contents")];
    case "pulls":
      return [writes ? write("pull_requests") : read("pull_requests")];
    case "immutable-releases":
      // "The authenticated user must have admin read access": the App's Administration permission.
      return [writes ? write("administration") : read("administration")];
    case "issues":
    case "labels":
    case "milestones":
      // Issue endpoints on a pull request's number accept the pull requests permission too.
      return writes
        ? [write("issues"), write("pull_requests")]
        : [read("issues"), read("pull_requests")];
    case "installation":
      return null;
    default:
      return second === "" ? [read("metadata")] : null;
  }
}

const rank = (level: string | undefined) => (level === "write" ? 2 : level === "read" ? 1 : 0);

export function hasPermission(
  granted: Record<string, string>,
  name: string,
  level: "read" | "write",
): boolean {
  return rank(granted[name]) >= rank(level);
}

/** Throws GitHub's 403 when `granted` holds none of the permissions the request needs. */
export function checkAppPermission(
  granted: Record<string, string>,
  method: string,
  repoPath: string,
): void {
  const needs = accepted(method.toUpperCase(), repoPath);
  if (!needs || needs.some((g) => hasPermission(granted, g.name, g.level))) return;
  throw new HttpError(403, NOT_ACCESSIBLE, {
    headers: {
      "x-accepted-github-permissions": needs.map((g) => `${g.name}=${g.level}`).join("; "),
    },
  });
}
