import { describe, expect, it } from "vitest";
import {
  chartsAre,
  chartsFailed,
  draftCharts,
  keptEntries,
  plannedCharts,
  publishedCharts,
} from "../../../src/core/charts/reply.js";

const A = { fileName: "a-1.0.0.tgz", url: "https://x/a" };
const B = { fileName: "b-1.0.0.tgz", url: "https://x/b" };
const C = { fileName: "c-1.0.0.tgz", url: "https://x/c" };
const INDEX = { branch: "gh-pages", url: "https://github.com/o/r/blob/gh-pages/index.yaml" };

describe("chart replies", () => {
  it("names one chart, or several with their links", () => {
    expect(chartsAre([A])).toBe("Chart [`a-1.0.0.tgz`](https://x/a) is");
    expect(chartsAre([A, B])).toBe(
      "Charts [`a-1.0.0.tgz`](https://x/a) and [`b-1.0.0.tgz`](https://x/b) are",
    );
    expect(chartsAre([A, B, C])).toBe(
      "Charts [`a-1.0.0.tgz`](https://x/a), [`b-1.0.0.tgz`](https://x/b) and [`c-1.0.0.tgz`](https://x/c) are",
    );
  });

  it("says where the published charts are, and that a new branch needs GitHub Pages", () => {
    expect(publishedCharts([A], INDEX, false)).toBe(
      "Chart [`a-1.0.0.tgz`](https://x/a) is on the release and in the Helm repository ([`index.yaml`](https://github.com/o/r/blob/gh-pages/index.yaml) on `gh-pages`).",
    );
    expect(publishedCharts([A], INDEX, true)).toBe(
      "Chart [`a-1.0.0.tgz`](https://x/a) is on the release and in the Helm repository ([`index.yaml`](https://github.com/o/r/blob/gh-pages/index.yaml) on `gh-pages` (a new branch: let GitHub Pages serve it)).",
    );
  });

  it("says a draft's charts are listed once it is published", () => {
    expect(draftCharts([A], "gh-pages")).toBe(
      "Chart [`a-1.0.0.tgz`](https://x/a) is attached to the draft; the Helm repository (`index.yaml` on `gh-pages`) lists it once the release is published.",
    );
    expect(draftCharts([A, B], "pages")).toContain("(`index.yaml` on `pages`) lists them once");
  });

  it("names the entries kept with another digest, and nothing when they match", () => {
    expect(
      keptEntries([{ name: "a", version: "1.0.0", sameDigest: true }], "gh-pages", "/rc 1.0"),
    ).toBe("");
    expect(
      keptEntries(
        [
          { name: "a", version: "1.0.0", sameDigest: false },
          { name: "b", version: "1.0.0", sameDigest: true },
          { name: "c", version: "1.0.0", sameDigest: false },
        ],
        "gh-pages",
        "/rc 1.0",
      ),
    ).toBe(
      " `index.yaml` on `gh-pages` already listed a 1.0.0, c 1.0.0 with another digest and keeps that entry; delete it there and comment `/rc 1.0` again to list this one.",
    );
  });

  it("tells a dry run what would happen to the charts", () => {
    expect(plannedCharts("gh-pages", false)).toBe(
      "After the tag it would package each managed chart, attach it to the release and add it to `index.yaml` on `gh-pages` (`charts.publish`).",
    );
    expect(plannedCharts("pages", true)).toBe(
      "After the tag it would package each managed chart, attach it to the draft release and add it to `index.yaml` on `pages` when the release is published (`charts.publish`).",
    );
  });

  it("says what failed, that the tag stays, and the command that finishes", () => {
    expect(chartsFailed("GitHub answered: Server Error", "/release 1.5")).toBe(
      "The chart was not published: GitHub answered: Server Error. The tag stays as it is; comment `/release 1.5` again to finish once that is fixed.",
    );
  });
});
