import { resolveCommitish } from "../ops/refs.js";
import {
  type CreateReleaseOptions,
  createRelease,
  generateNotes,
  requireRelease,
  sortedReleases,
  updateRelease,
} from "../ops/releases.js";
import {
  intParam,
  paginate,
  type RequestContext,
  type RouteTable,
  requireString,
  route,
} from "../router.js";
import { release } from "../shapes.js";
import { HttpError, validationFailed } from "../util.js";

function releaseOptions(b: Record<string, unknown>): Partial<CreateReleaseOptions> {
  const options: Partial<CreateReleaseOptions> = {};
  if (typeof b.tag_name === "string") options.tag_name = b.tag_name;
  if (typeof b.target_commitish === "string") options.target_commitish = b.target_commitish;
  if (typeof b.name === "string" || b.name === null) options.name = b.name as string | null;
  if (typeof b.body === "string" || b.body === null) options.body = b.body as string | null;
  if (typeof b.draft === "boolean") options.draft = b.draft;
  if (typeof b.prerelease === "boolean") options.prerelease = b.prerelease;
  if (typeof b.generate_release_notes === "boolean")
    options.generate_release_notes = b.generate_release_notes;
  if (b.make_latest === "true" || b.make_latest === "false" || b.make_latest === "legacy") {
    options.make_latest = b.make_latest;
  }
  return options;
}

const R = "/repos/{owner}/{repo}";

function listReleases(c: RequestContext) {
  const repo = c.repo();
  return paginate(c, sortedReleases(repo), (r) => release(c.world, repo, r));
}

async function createARelease(c: RequestContext) {
  const repo = c.repo();
  const tagName = requireString(c.body, "tag_name");
  const created = await createRelease(c.op, repo, {
    ...releaseOptions(c.body),
    tag_name: tagName,
  });
  const body = release(c.world, repo, created);
  return { status: 201, body, headers: { location: String(body.url) } };
}

async function generateReleaseNotesContentForARelease(c: RequestContext) {
  const repo = c.repo();
  c.world.requireRole(repo, c.actor, "write");
  const tagName = requireString(c.body, "tag_name");
  const tagTarget = await repo.git.revParse(`refs/tags/${tagName}`, "commit");
  const commitish =
    typeof c.body.target_commitish === "string" ? c.body.target_commitish : repo.defaultBranch;
  const target = tagTarget ?? (await resolveCommitish(repo, commitish));
  if (!target)
    throw validationFailed([{ resource: "Release", code: "invalid", field: "target_commitish" }]);
  const notes = await generateNotes(c.world, repo, {
    tag_name: tagName,
    target,
    ...(typeof c.body.previous_tag_name === "string"
      ? { previous_tag_name: c.body.previous_tag_name }
      : {}),
  });
  return { status: 200, body: notes };
}

function getTheLatestRelease(c: RequestContext) {
  const repo = c.repo();
  const latest = sortedReleases(repo).find((r) => !r.draft && !r.prerelease && r.makeLatest);
  if (!latest) throw new HttpError(404, "Not Found");
  return { status: 200, body: release(c.world, repo, latest) };
}

function getAReleaseByTagName(c: RequestContext) {
  const repo = c.repo();
  const found = repo.releases.find((r) => r.tagName === c.params.tag && !r.draft);
  if (!found) throw new HttpError(404, "Not Found");
  return { status: 200, body: release(c.world, repo, found) };
}

function getARelease(c: RequestContext) {
  const repo = c.repo();
  return {
    status: 200,
    body: release(c.world, repo, requireRelease(repo, intParam(c.params.id))),
  };
}

async function updateARelease(c: RequestContext) {
  const repo = c.repo();
  const updated = await updateRelease(c.op, repo, intParam(c.params.id), releaseOptions(c.body));
  return { status: 200, body: release(c.world, repo, updated) };
}

export const releaseRoutes: RouteTable = [
  route("GET", `${R}/releases`, listReleases, { docs: "releases/releases#list-releases" }),
  route("POST", `${R}/releases`, createARelease, {
    docs: "releases/releases#create-a-release",
    auth: "authenticated",
  }),
  route("POST", `${R}/releases/generate-notes`, generateReleaseNotesContentForARelease, {
    docs: "releases/releases#generate-release-notes-content-for-a-release",
    auth: "authenticated",
  }),
  route("GET", `${R}/releases/latest`, getTheLatestRelease, {
    docs: "releases/releases#get-the-latest-release",
  }),
  route("GET", `${R}/releases/tags/{tag+}`, getAReleaseByTagName, {
    docs: "releases/releases#get-a-release-by-tag-name",
  }),
  route("GET", `${R}/releases/{id}`, getARelease, { docs: "releases/releases#get-a-release" }),
  route("PATCH", `${R}/releases/{id}`, updateARelease, {
    docs: "releases/releases#update-a-release",
    auth: "authenticated",
  }),
];
