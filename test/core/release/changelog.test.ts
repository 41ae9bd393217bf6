import { describe, expect, it } from "vitest";
import { changelogSection, withChangelogSection } from "../../../src/core/release/changelog.js";

const REPO = "https://github.com/kubeflow/spark-operator";
const pull = (number: number, title: string, login: string, labels: string[]) => ({
  number,
  title,
  url: `${REPO}/pull/${number}`,
  login,
  userUrl: `https://github.com/${login}`,
  labels,
});

const release = {
  tag: "v2.3.0",
  previousTag: "v2.2.1",
  date: "2025-07-22",
  repoUrl: REPO,
  sections: {
    "kind/feature": "Features",
    "kind/bug": "Bug Fixes",
    dependencies: "Dependencies",
  },
  fallback: "Misc",
  readOnlyNewest: null,
  pulls: [
    pull(2589, "Bump golang.org/x/net from 0.40.0 to 0.41.0", "dependabot[bot]", ["dependencies"]),
    pull(2571, "Support pod template for Spark 3.x applications", "ChenYi015", ["kind/feature"]),
    pull(2602, "Update the changelog script", "ChenYi015", []),
    pull(2580, "Fix the webhook certificate rotation", "vara-bonthu", ["kind/bug", "kind/feature"]),
  ],
};

describe("a CHANGELOG.md section", () => {
  it("has the shape of Spark Operator's v2.3.0 section", () => {
    // The real section: `## [v2.3.0](…/tree/v2.3.0) (2025-07-22)`, `### Features`, `### Bug
    // Fixes`, `### Dependencies`, `### Misc`, one `- <title> ([#N](<pr>) by [@login](<user>))`
    // line per pull request, and `[Full Changelog](…/compare/v2.2.1...v2.3.0)`.
    expect(changelogSection(release)).toBe(`## [v2.3.0](${REPO}/tree/v2.3.0) (2025-07-22)

### Features

- Support pod template for Spark 3.x applications ([#2571](${REPO}/pull/2571) by [@ChenYi015](https://github.com/ChenYi015))
- Fix the webhook certificate rotation ([#2580](${REPO}/pull/2580) by [@vara-bonthu](https://github.com/vara-bonthu))

### Dependencies

- Bump golang.org/x/net from 0.40.0 to 0.41.0 ([#2589](${REPO}/pull/2589) by [@dependabot[bot]](https://github.com/dependabot[bot]))

### Misc

- Update the changelog script ([#2602](${REPO}/pull/2602) by [@ChenYi015](https://github.com/ChenYi015))

[Full Changelog](${REPO}/compare/v2.2.1...v2.3.0)
`);
  });

  it("says so when only the newest commits were read, since the previous final or at all", () => {
    const pulls = [pull(2602, "Update the changelog script", "ChenYi015", [])];
    expect(changelogSection({ ...release, pulls, readOnlyNewest: 500 })).toBe(
      `## [v2.3.0](${REPO}/tree/v2.3.0) (2025-07-22)

### Misc

- Update the changelog script ([#2602](${REPO}/pull/2602) by [@ChenYi015](https://github.com/ChenYi015))

_Pull requests of older commits are not listed: release-bot read the newest 500 commits since v2.2.1._

[Full Changelog](${REPO}/compare/v2.2.1...v2.3.0)
`,
    );
    expect(
      changelogSection({ ...release, previousTag: null, pulls: [], readOnlyNewest: 500 }),
    ).toBe(
      `## [v2.3.0](${REPO}/tree/v2.3.0) (2025-07-22)\n\n_Pull requests of older commits are not listed: release-bot read the newest 500 commits._\n`,
    );
  });

  it("has no Full Changelog link for a first release", () => {
    expect(changelogSection({ ...release, previousTag: null, pulls: [] })).toBe(
      `## [v2.3.0](${REPO}/tree/v2.3.0) (2025-07-22)\n\n`,
    );
  });
});

describe("placing the section in the file", () => {
  const old = `## [v2.2.1](${REPO}/tree/v2.2.1) (2025-05-01)\n\n### Misc\n\n- x\n`;
  const section = `## [v2.3.0](${REPO}/tree/v2.3.0) (2025-07-22)\n\n### Misc\n\n- y\n`;

  it("goes first among the versions, under the title", () => {
    const file = `# Changelog\n\n${old}`;
    expect(withChangelogSection(file, "v2.3.0", section)).toBe(`# Changelog\n\n${section}\n${old}`);
  });

  it("writes the same bytes when run again", () => {
    const once = withChangelogSection(`# Changelog\n\n${old}`, "v2.3.0", section);
    expect(withChangelogSection(once, "v2.3.0", section)).toBe(once);
  });

  it("starts a missing file", () => {
    expect(withChangelogSection(null, "v2.3.0", section)).toBe(`# Changelog\n\n${section}`);
    expect(
      withChangelogSection(withChangelogSection(null, "v2.3.0", section), "v2.3.0", section),
    ).toBe(`# Changelog\n\n${section}`);
  });
});

describe("the order of a section's lines", () => {
  it("lists pull requests by number within each heading, whatever order they come in", () => {
    const body = changelogSection({ ...release, pulls: [...release.pulls].reverse() });
    expect(body).toBe(changelogSection(release));
    const features = body.split("### Features\n\n")[1]?.split("\n\n")[0];
    expect(features?.split("\n").map((l) => l.match(/#(\d+)\]/)?.[1])).toEqual(["2571", "2580"]);
  });
});

describe("placing the section in files of other shapes", () => {
  const section = `## [v2.3.0](${REPO}/tree/v2.3.0) (2025-07-22)\n\n- y\n`;
  const old = `## [v2.2.1](${REPO}/tree/v2.2.1) (2025-05-01)\n\n- x\n`;

  it("replaces its own section in a file with no title", () => {
    const stale = `## [v2.3.0](${REPO}/tree/v2.3.0) (2025-07-21)\n\n- old\n\n${old}`;
    expect(withChangelogSection(stale, "v2.3.0", section)).toBe(`${section}\n${old}`);
  });

  it("goes before the first heading that starts a line, not a mention of one", () => {
    const file = `# Changelog\n\nEach release is a \`## [tag]\` heading.\n\n${old}`;
    expect(withChangelogSection(file, "v2.3.0", section)).toBe(
      `# Changelog\n\nEach release is a \`## [tag]\` heading.\n\n${section}\n${old}`,
    );
  });

  it("leaves one blank line after a title with no version yet, however it ends", () => {
    for (const title of ["# Changelog", "# Changelog\n", "# Changelog\n\n\n"]) {
      expect(withChangelogSection(title, "v2.3.0", section)).toBe(`# Changelog\n\n${section}`);
    }
  });
});
