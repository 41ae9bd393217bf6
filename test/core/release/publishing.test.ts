import { describe, expect, it } from "vitest";
import {
  isCreationRefusal,
  isPublishAfterWorkflow,
  makeLatest,
  namesBurnedTag,
  publishVersion,
  releaseWriteRefusal,
} from "../../../src/core/release/publishing.js";

describe("publishVersion", () => {
  it("reads a final, a candidate, or the tag as the format spells it", () => {
    expect(publishVersion("1.5.0", "v{version}")?.version).toBe("1.5.0");
    expect(publishVersion("1.5.0-rc.2", "v{version}")?.version).toBe("1.5.0-rc.2");
    expect(publishVersion("v1.5.0-rc.2", "v{version}")?.version).toBe("1.5.0-rc.2");
    expect(publishVersion("chart-1.5.1", "chart-{version}")?.version).toBe("1.5.1");
  });

  it("refuses what the bot never releases: lines, other pre-releases, build metadata, words", () => {
    for (const target of ["1.5", "1.5.0-beta.1", "1.5.0-rc", "1.5.0+build.1", "latest", "v1.5"]) {
      expect(publishVersion(target, "v{version}")).toBeNull();
    }
  });
});

describe("isPublishAfterWorkflow", () => {
  it("matches the run's workflow path by file name or by path", () => {
    expect(isPublishAfterWorkflow("release.yaml", ".github/workflows/release.yaml")).toBe(true);
    expect(isPublishAfterWorkflow("./release.yaml", ".github/workflows/release.yaml")).toBe(true);
    expect(
      isPublishAfterWorkflow(".github/workflows/release.yaml", ".github/workflows/release.yaml"),
    ).toBe(true);
  });

  it("does not match another file, another extension or a file of the same name elsewhere", () => {
    expect(isPublishAfterWorkflow("release.yaml", ".github/workflows/ci.yaml")).toBe(false);
    expect(isPublishAfterWorkflow("release.yaml", ".github/workflows/release.yml")).toBe(false);
    expect(isPublishAfterWorkflow("release.yaml", ".github/workflows/pre-release.yaml")).toBe(
      false,
    );
    expect(isPublishAfterWorkflow("ci/release.yaml", ".github/workflows/release.yaml")).toBe(false);
    // Only a leading "./" is dropped.
    expect(
      isPublishAfterWorkflow(".github/workflows/./release.yaml", ".github/workflows/release.yaml"),
    ).toBe(false);
  });
});

describe("GitHub's answers about names", () => {
  it("names a burned tag in a release's validation errors", () => {
    expect(namesBurnedTag("Validation Failed: tag_name was used by an immutable release")).toBe(
      true,
    );
    expect(namesBurnedTag("Validation Failed: tag_name already_exists")).toBe(false);
  });

  it("takes a 422 refusing only ref creation for a possible burned name", () => {
    const creation =
      "Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n";
    expect(isCreationRefusal(422, creation)).toBe(true);
    expect(isCreationRefusal(403, creation)).toBe(false);
    expect(isCreationRefusal(422, `${creation}Commits must have verified signatures.\n\n`)).toBe(
      false,
    );
    expect(
      isCreationRefusal(
        422,
        "Repository rule violations found\n\nCannot update this protected ref.\n\n",
      ),
    ).toBe(false);
    expect(isCreationRefusal(422, "Reference already exists")).toBe(false);
  });
});

describe("releaseWriteRefusal", () => {
  const advice =
    "the tagged commit changes files under `.github/workflows/` compared with the default branch, and then a release needs the App's `workflows: write` permission; an organization owner must grant Workflows (read and write) to the App and accept the new permission on the installation (run as a GitHub Action, use an App token: the workflow's GITHUB_TOKEN can never have it)";

  it("reads GitHub's 404, and 403 Resource not accessible by integration, as the Workflows permission", () => {
    expect(releaseWriteRefusal(404, "Not Found")).toBe(`GitHub answered 404: ${advice}`);
    expect(releaseWriteRefusal(403, "Resource not accessible by integration")).toBe(
      `GitHub answered 403: ${advice}`,
    );
  });

  it("leaves every other answer alone", () => {
    expect(releaseWriteRefusal(403, "You have exceeded a secondary rate limit")).toBeNull();
    expect(releaseWriteRefusal(422, "Validation Failed")).toBeNull();
    expect(releaseWriteRefusal(422, "Resource not accessible by integration")).toBeNull();
    expect(releaseWriteRefusal(500, "Server Error")).toBeNull();
  });
});

describe("makeLatest", () => {
  it("lets finals become latest by GitHub's rule, never pre-releases", () => {
    expect(makeLatest(false)).toBe("legacy");
    expect(makeLatest(true)).toBe("false");
  });
});
