/**
 * Drafts waiting to be published (`release.publish: draft`) in a line's status: the next
 * command, the dashboard's section, and the hidden status that carries them.
 */
import { describe, expect, it } from "vitest";
import { decodeState, encodeState, withDrafts } from "../../../src/core/line/dashboard-state.js";
import { type LineStatus, nextStep } from "../../../src/core/line/status.js";
import { renderLineStatus } from "../../../src/core/line/status-markdown.js";

const REPO = "https://github.com/kubeflow/demo-operator";
const tag = (name: string) => ({
  name,
  version: name.slice(1),
  candidate: name.includes("-rc."),
  commit: "a".repeat(40),
  date: "2026-11-29T10:00:00Z",
});
const draft = (version: string) => ({
  tag: `v${version}`,
  version,
  url: `${REPO}/releases/tag/untagged-${version}`,
});

function line(overrides: Partial<LineStatus> = {}): LineStatus {
  return {
    line: "1.5",
    branch: "release-1.5",
    tags: [tag("v1.5.0"), tag("v1.5.0-rc.0")],
    untested: [],
    untestedCount: 0,
    picks: [],
    pulls: [],
    ...overrides,
  };
}

describe("a line with drafts waiting", () => {
  it("is next published when its newest tag's release is a draft, before anything else", () => {
    const status = line({ drafts: [draft("1.5.0")], untestedCount: 3 });
    expect(nextStep(status)).toEqual({
      command: "/publish 1.5.0",
      reason:
        "`v1.5.0` is tagged and its GitHub release is a draft: publish it once its assets are attached.",
    });
  });

  it("goes on as usual when only an older tag's draft waits", () => {
    const status = line({ drafts: [draft("1.5.0-rc.0")] });
    expect(nextStep(status).command).toBeNull();
    expect(nextStep(line({ drafts: [] })).command).toBeNull();
  });

  it("lists the drafts under the tags, each with its /publish command", () => {
    const text = renderLineStatus(line({ drafts: [draft("1.5.0"), draft("1.5.0-rc.0")] }), {
      repoUrl: REPO,
      heading: false,
    });
    const sections = text.split("\n\n");
    const at = sections.indexOf("**Drafts waiting to be published** (2)");
    expect(sections[at - 1]).toMatch(/^\| \[`v1\.5\.0-rc\.0`\]/m);
    expect(sections[at + 1]).toBe(
      [
        `- [\`v1.5.0\`](${REPO}/releases/tag/untagged-1.5.0): \`/publish 1.5.0\``,
        `- [\`v1.5.0-rc.0\`](${REPO}/releases/tag/untagged-1.5.0-rc.0): \`/publish 1.5.0-rc.0\``,
      ].join("\n"),
    );
    expect(renderLineStatus(line(), { repoUrl: REPO, heading: false })).not.toContain("Drafts");
  });

  it("says how many drafts are not listed past 30", () => {
    const drafts = Array.from({ length: 31 }, (_, i) => draft(`1.5.${i}`));
    const text = renderLineStatus(line({ drafts }), { repoUrl: REPO, heading: false });
    expect(text).toContain("**Drafts waiting to be published** (31)");
    expect(text).toContain("- … and 1 more");
  });
});

describe("the dashboard's drafts", () => {
  it("are replaced by each fresh read, newest version first", () => {
    const status = withDrafts(line({ drafts: [draft("1.4.9")] }), [
      draft("1.5.0-rc.0"),
      draft("1.5.0"),
      draft("1.5.0-rc.10"),
      draft("1.5.0-rc.9"),
    ]);
    expect(status.drafts?.map((d) => d.version)).toEqual([
      "1.5.0",
      "1.5.0-rc.10",
      "1.5.0-rc.9",
      "1.5.0-rc.0",
    ]);
    expect(withDrafts(status, []).drafts).toEqual([]);
  });

  it("travel in the hidden status, and a dashboard written before drafts still reads", () => {
    const status = line({ drafts: [draft("1.5.0")] });
    expect(decodeState(encodeState(status))).toEqual(status);
    expect(decodeState(encodeState(line()))).toEqual(line());
    const bad = { ...line(), drafts: [{ tag: "v1.5.0" }] };
    const hidden = `<!-- release-bot:dashboard-state ${Buffer.from(JSON.stringify(bad)).toString("base64")} -->`;
    expect(decodeState(hidden)).toBeNull();
  });
});
