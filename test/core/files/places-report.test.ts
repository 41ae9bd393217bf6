import { describe, expect, it } from "vitest";
import type { VersionPlace } from "../../../src/core/files/discovery.js";
import {
  LISTED_PLACES,
  notChangedSentence,
  type PlaceNote,
  parsePlacesSection,
  placeNotes,
  placesCommitSection,
  requiredPlacesRefusal,
} from "../../../src/core/files/places-report.js";

const KUSTOMIZE: PlaceNote = {
  path: "config/default/kustomization.yaml",
  line: 36,
  found: "v2.5.0-rc.0",
  kind: "kustomize-new-tag",
};
const PYTHON: PlaceNote = {
  path: "api/python_api/kubeflow_spark_api/__init__.py",
  line: 16,
  found: "2.5.0-rc.0",
  kind: "python-version",
};

describe("placeNotes", () => {
  it("keeps one note per line, the first spelling found there", () => {
    const place = (line: number, found: string): VersionPlace => ({
      path: "README.md",
      line,
      found,
      kind: "chart-badge",
      via: "previous-version",
      format: null,
      version: "2.5.0-rc.0",
    });
    expect(placeNotes([place(3, "2.5.0-rc.0"), place(3, "2.5.0--rc.0"), place(4, "x")])).toEqual([
      { path: "README.md", line: 3, found: "2.5.0-rc.0", kind: "chart-badge" },
      { path: "README.md", line: 4, found: "x", kind: "chart-badge" },
    ]);
  });
});

describe("notChangedSentence", () => {
  it("names each place, what it is and the key that would manage it", () => {
    expect(notChangedSentence([KUSTOMIZE, PYTHON])).toBe(
      "Not changed: `config/default/kustomization.yaml:36` still says `v2.5.0-rc.0` (Kustomize `newTag`: add it to `kustomize:`); `api/python_api/kubeflow_spark_api/__init__.py:16` still says `2.5.0-rc.0` (Python package version: add it to `files:`). Add them to .github/release-bot.yml (or to `versionPlaces.ignore`).",
    );
  });

  it("is empty without places, and owns up to files left unsearched", () => {
    expect(notChangedSentence([])).toBe("");
    expect(notChangedSentence([KUSTOMIZE], 1)).toMatch(
      /^Not changed: .*\. Add it to \.github\/release-bot\.yml \(or to `versionPlaces\.ignore`\) \(1 file was not searched\)\.$/,
    );
    expect(notChangedSentence([KUSTOMIZE], 7)).toContain("(7 files were not searched)");
  });

  it("lists ten places and counts the rest", () => {
    const many = Array.from({ length: LISTED_PLACES + 2 }, (_, i) => ({ ...PYTHON, line: i + 1 }));
    const sentence = notChangedSentence(many);
    expect(sentence.match(/still says/g)).toHaveLength(LISTED_PLACES);
    expect(sentence).toContain("`:10` still says".replace("`:", `\`${PYTHON.path}:`));
    expect(sentence).toContain(", and 2 more. Add them");
  });

  it("lists exactly ten places with no count, each sentence apart", () => {
    const ten = Array.from({ length: LISTED_PLACES }, (_, i) => ({ ...PYTHON, line: i + 1 }));
    const sentence = notChangedSentence(ten);
    expect(sentence).not.toContain("more");
    expect(sentence.split("); `")).toHaveLength(LISTED_PLACES);
    const refusal = requiredPlacesRefusal("2.6.0-rc.0", ten);
    expect(refusal).not.toContain("more");
    expect(refusal.split("); `")).toHaveLength(LISTED_PLACES);
    const eleven = [...ten, { ...PYTHON, line: 11 }];
    expect(requiredPlacesRefusal("2.6.0-rc.0", eleven).match(/still says/g)).toHaveLength(
      LISTED_PLACES,
    );
  });
});

describe("requiredPlacesRefusal", () => {
  it("refuses one place in the singular and many in the plural, saying nothing was written", () => {
    expect(requiredPlacesRefusal("2.6.0-rc.0", [KUSTOMIZE])).toBe(
      "Did not set `2.6.0-rc.0`, nothing was written: `versionPlaces.require` is on and this place carries the release without the configuration managing it: `config/default/kustomization.yaml:36` still says `v2.5.0-rc.0` (Kustomize `newTag`: add it to `kustomize:`). Add it to .github/release-bot.yml or to `versionPlaces.ignore`, then run the command again.",
    );
    const many = Array.from({ length: LISTED_PLACES + 1 }, (_, i) => ({ ...PYTHON, line: i + 1 }));
    const refusal = requiredPlacesRefusal("2.6.0-rc.0", many);
    expect(refusal).toContain(
      "these places carry the release without the configuration managing them",
    );
    expect(refusal).toContain(", and 1 more. Add them to");
  });

  it("refuses when the search could not read the files", () => {
    expect(requiredPlacesRefusal("2.6.0-rc.0", [], "Server Error")).toBe(
      "Did not set `2.6.0-rc.0`, nothing was written: `versionPlaces.require` is on and the search for places that carry the release could not read the files (Server Error); run the command again.",
    );
  });
});

describe("the commit message section", () => {
  it("is written and read back to the same notes", () => {
    const section = placesCommitSection([KUSTOMIZE, PYTHON]);
    expect(section).toBe(
      "\nNot changed (see versionPlaces in .github/release-bot.yml):\n* config/default/kustomization.yaml:36 still says v2.5.0-rc.0 [kustomize-new-tag]\n* api/python_api/kubeflow_spark_api/__init__.py:16 still says 2.5.0-rc.0 [python-version]\n",
    );
    const message = `Release v2.6.0-rc.0\n\nSet the version in:\n- VERSION\n${section}\nSigned-off-by: Bot <bot@example.com>\n`;
    expect(parsePlacesSection(message)).toEqual([KUSTOMIZE, PYTHON]);
    expect(parsePlacesSection(message.replaceAll("\n", "\r\n"))).toEqual([KUSTOMIZE, PYTHON]);
  });

  it("is empty without places, and a message without one has none", () => {
    expect(placesCommitSection([])).toBe("");
    expect(parsePlacesSection("Release v1.0.0\n\n- VERSION\n")).toEqual([]);
  });

  it("stops at a line that is not a note, or names a kind it does not know", () => {
    const head = "Not changed (see versionPlaces in .github/release-bot.yml):";
    expect(
      parsePlacesSection(
        `${head}\n* a:1 still says v1 [other]\n* b:2 still says v1 [constructor]\n* c:3 still says v1 [other]\n`,
      ),
    ).toEqual([{ path: "a", line: 1, found: "v1", kind: "other" }]);
    expect(parsePlacesSection(`${head}\n- a:1 still says v1 [other]\n`)).toEqual([]);
    // A note line with text around it is not a note; a message without the head has none.
    expect(parsePlacesSection(`${head}\nx * a:1 still says v1 [other]\n`)).toEqual([]);
    expect(parsePlacesSection(`${head}\n* a:1 still says v1 [other] x\n`)).toEqual([]);
    expect(parsePlacesSection("* a:1 still says v1 [other]\n")).toEqual([]);
  });
});
