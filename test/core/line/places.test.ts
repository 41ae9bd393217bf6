import { describe, expect, it } from "vitest";
import { decodeState, encodeState, withTag } from "../../../src/core/line/dashboard-state.js";
import type { LineStatus, TagEntry } from "../../../src/core/line/status.js";
import { renderLineStatus } from "../../../src/core/line/status-markdown.js";

const STATUS: LineStatus = {
  line: "1.5",
  branch: "release-1.5",
  tags: [],
  untested: [],
  untestedCount: 0,
  picks: [],
  pulls: [],
};
const tag = (version: string): TagEntry => ({
  name: `v${version}`,
  version,
  candidate: version.includes("-rc."),
  commit: "c".repeat(40),
  date: "2026-11-29T08:00:00Z",
});
const PLACE = { path: "k.yaml", line: 3, found: "v1.5.0-rc.0", kind: "kustomize-new-tag" as const };
const none = { commits: [], count: 0 };

describe("the places of the newest tag's bump on the dashboard", () => {
  it("come with the newest tag, go with a tag whose bump left none, and stay for an older tag", () => {
    const first = withTag(STATUS, tag("1.5.0-rc.1"), none, [PLACE]);
    expect(first.places).toEqual([PLACE]);
    expect(withTag(first, tag("1.5.0-rc.0"), none, []).places).toEqual([PLACE]);
    expect("places" in withTag(first, tag("1.5.0-rc.2"), none, [])).toBe(false);
    const many = Array.from({ length: 40 }, (_, i) => ({ ...PLACE, line: i + 1 }));
    expect(withTag(STATUS, tag("1.5.0"), none, many).places).toHaveLength(30);
  });

  it("are kept in the hidden state, which refuses a kind it does not know", () => {
    const status = withTag(STATUS, tag("1.5.0-rc.1"), none, [PLACE]);
    expect(decodeState(encodeState(status))).toEqual(status);
    const bad = { ...status, places: [{ ...PLACE, kind: "nonsense" }] };
    expect(decodeState(encodeState(bad as LineStatus))).toBeNull();
  });

  it("are shown below the pull requests, and not at all without a tag or places", () => {
    const status = withTag(STATUS, tag("1.5.0-rc.1"), none, [PLACE]);
    const text = renderLineStatus(status, { repoUrl: "https://github.com/o/r", heading: false });
    expect(
      text.endsWith(
        "**Not changed by `v1.5.0-rc.1`** (1; add them to .github/release-bot.yml or to `versionPlaces.ignore`)\n\n- `k.yaml:3` still says `v1.5.0-rc.0` (Kustomize `newTag`: `kustomize:`)",
      ),
    ).toBe(true);
    const plain = renderLineStatus(withTag(STATUS, tag("1.5.0-rc.1"), none), {
      repoUrl: "https://github.com/o/r",
      heading: false,
    });
    expect(plain).not.toContain("Not changed");
    const untagged = renderLineStatus(
      { ...STATUS, places: [PLACE] },
      { repoUrl: "x", heading: false },
    );
    expect(untagged).not.toContain("Not changed");
  });
});
