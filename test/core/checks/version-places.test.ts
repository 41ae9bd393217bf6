import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/core/checks/result.js";
import { withPlaceWarnings } from "../../../src/core/checks/version-places.js";
import type { PlaceNote } from "../../../src/core/files/places-report.js";

const PASSED: CheckResult = {
  conclusion: "success",
  title: "Every version field says 1.5.0",
  summary: "All agree.",
  annotations: [],
};
const FAILED: CheckResult = {
  conclusion: "failure",
  title: "1 file disagrees with 1.5.0",
  summary: "One does not.",
  annotations: [{ path: "VERSION", line: 1, level: "failure", title: "Not 1.5.0", message: "m" }],
};
const NOTES: PlaceNote[] = [
  { path: "a.py", line: 3, found: "1.4.0", kind: "python-version" },
  { path: "Makefile", line: 1, found: "v1.4.0", kind: "makefile-variable" },
];

describe("withPlaceWarnings", () => {
  it("leaves a result without places as it is", () => {
    expect(withPlaceWarnings(PASSED, [], { require: true, expected: "1.5.0" })).toBe(PASSED);
  });

  it("adds a warning per place and a summary section, keeping the verdict", () => {
    const result = withPlaceWarnings(PASSED, NOTES, { require: false, expected: "1.5.0" });
    expect(result).toEqual({
      conclusion: "success",
      title: "Every version field says 1.5.0",
      summary:
        "All agree.\n\n**Not managed** (2 places that carry another version of the release and that release-bot does not set):\n\n- `a.py` line 3: `1.4.0` (Python package version; `files:`)\n- `Makefile` line 1: `v1.4.0` (Makefile variable; `files:`)",
      annotations: [
        {
          path: "a.py",
          line: 3,
          level: "warning",
          title: "Not managed: still `1.4.0`",
          message:
            "This Python package version says `1.4.0`, not `1.5.0`, and release-bot does not set it; add it to `files:` in .github/release-bot.yml, or to `versionPlaces.ignore`.",
        },
        expect.objectContaining({ path: "Makefile", level: "warning" }),
      ],
    });
  });

  it("fails under require, keeping a failure's own title", () => {
    const passed = withPlaceWarnings(PASSED, NOTES.slice(0, 1), { require: true, expected: null });
    expect(passed.conclusion).toBe("failure");
    expect(passed.title).toBe("1 place not managed (versionPlaces.require)");
    expect(passed.summary).toContain("(1 place that carries another version");
    expect(passed.summary).toContain("; `versionPlaces.require` is on):");
    expect(passed.annotations[0]?.message).toContain("not the release,");
    expect(passed.annotations[0]?.level).toBe("failure");
    const failed = withPlaceWarnings(FAILED, NOTES, { require: true, expected: "1.5.0" });
    expect(failed.title).toBe("1 file disagrees with 1.5.0");
    expect(failed.annotations).toHaveLength(3);
    expect(withPlaceWarnings(FAILED, NOTES, { require: false, expected: "1.5.0" }).conclusion).toBe(
      "failure",
    );
  });
});
