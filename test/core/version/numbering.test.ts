import semver, { type SemVer } from "semver";
import { describe, expect, it } from "vitest";
import {
  branchName,
  candidateNumber,
  compareVersions,
  formatLine,
  formatTag,
  isCandidate,
  latestVersion,
  nextCandidate,
  nextFinal,
  parseBranchName,
  parseLineArgument,
  parseTag,
  type ReleaseLine,
  tagRefPrefix,
  versionsOfLine,
} from "../../../src/core/version/numbering.js";

const PATTERN = "release-{major}.{minor}";
const FORMAT = "v{version}";
const line15: ReleaseLine = { major: 1, minor: 5 };

function v(text: string): SemVer {
  const parsed = semver.parse(text);
  if (parsed === null) throw new Error(`not SemVer: ${text}`);
  return parsed;
}

function strings(versions: readonly SemVer[]): string[] {
  return versions.map((x) => x.version);
}

describe("formatLine", () => {
  it("writes a release line as major.minor", () => {
    expect(formatLine({ major: 1, minor: 5 })).toBe("1.5");
    expect(formatLine({ major: 0, minor: 0 })).toBe("0.0");
    expect(formatLine({ major: 10, minor: 20 })).toBe("10.20");
  });
});

describe("branchName", () => {
  it("fills the default pattern", () => {
    expect(branchName(PATTERN, line15)).toBe("release-1.5");
  });

  it("fills multi-digit numbers", () => {
    expect(branchName(PATTERN, { major: 10, minor: 20 })).toBe("release-10.20");
  });

  it("fills custom patterns", () => {
    expect(branchName("release/v{major}.{minor}.x", line15)).toBe("release/v1.5.x");
    expect(branchName("{major}.{minor}-stable", { major: 2, minor: 0 })).toBe("2.0-stable");
  });
});

describe("parseBranchName", () => {
  it("reads the line of a release branch", () => {
    expect(parseBranchName(PATTERN, "release-1.5")).toEqual({ major: 1, minor: 5 });
    expect(parseBranchName(PATTERN, "release-0.0")).toEqual({ major: 0, minor: 0 });
  });

  it("reads multi-digit numbers", () => {
    expect(parseBranchName(PATTERN, "release-10.20")).toEqual({ major: 10, minor: 20 });
  });

  it("rejects names with text after the line", () => {
    expect(parseBranchName(PATTERN, "release-1.5-foo")).toBeNull();
    expect(parseBranchName(PATTERN, "release-1.5.1")).toBeNull();
    expect(parseBranchName(PATTERN, "release-1.5 ")).toBeNull();
  });

  it("rejects names with text before the pattern", () => {
    expect(parseBranchName(PATTERN, "my-release-1.5")).toBeNull();
    expect(parseBranchName(PATTERN, "refs/heads/release-1.5")).toBeNull();
  });

  it("rejects numbers with leading zeros", () => {
    expect(parseBranchName(PATTERN, "release-01.5")).toBeNull();
    expect(parseBranchName(PATTERN, "release-1.05")).toBeNull();
  });

  it("is case-sensitive", () => {
    expect(parseBranchName(PATTERN, "Release-1.5")).toBeNull();
  });

  it("rejects branches that are not release branches", () => {
    expect(parseBranchName(PATTERN, "main")).toBeNull();
    expect(parseBranchName(PATTERN, "master")).toBeNull();
    expect(parseBranchName(PATTERN, "release-1")).toBeNull();
    expect(parseBranchName(PATTERN, "release-")).toBeNull();
    expect(parseBranchName(PATTERN, "release-a.b")).toBeNull();
    expect(parseBranchName(PATTERN, "release--1.5")).toBeNull();
    expect(parseBranchName(PATTERN, "")).toBeNull();
  });

  it("treats the dot of the pattern as a dot, not any character", () => {
    expect(parseBranchName(PATTERN, "release-1x5")).toBeNull();
    expect(parseBranchName(PATTERN, "release-105")).toBeNull();
  });

  it("treats regular expression metacharacters of a custom pattern literally", () => {
    const pattern = "rel+(v{major}.{minor})*";
    expect(parseBranchName(pattern, "rel+(v1.5)*")).toEqual({ major: 1, minor: 5 });
    expect(parseBranchName(pattern, "rellv1.5")).toBeNull();
    expect(parseBranchName(pattern, "rel+(v1.5)(v1.5)")).toBeNull();
    expect(parseBranchName("[{major}]^{minor}$", "[2]^3$")).toEqual({ major: 2, minor: 3 });
    expect(parseBranchName("a|b-{major}.{minor}", "b-1.5")).toBeNull();
  });

  it("reads patterns with slashes and a minor before the major", () => {
    expect(parseBranchName("release/v{major}.{minor}.x", "release/v1.5.x")).toEqual(line15);
    expect(parseBranchName("{minor}-of-{major}", "5-of-1")).toEqual(line15);
  });

  it("requires a repeated placeholder to repeat the same number", () => {
    const pattern = "v{major}/release-{major}.{minor}";
    expect(parseBranchName(pattern, "v1/release-1.5")).toEqual(line15);
    expect(parseBranchName(pattern, "v2/release-1.5")).toBeNull();
  });

  it("rejects numbers too large to count exactly", () => {
    expect(parseBranchName(PATTERN, "release-99999999999999999999.1")).toBeNull();
  });

  it("rejects every name when the pattern lacks a placeholder", () => {
    expect(parseBranchName("release-{major}", "release-1")).toBeNull();
    expect(parseBranchName("release-{minor}", "release-5")).toBeNull();
  });

  it("reads back every name it writes", () => {
    const patterns = [PATTERN, "release/v{major}.{minor}.x", "{major}.{minor}", "r{major}_{minor}"];
    const lines = [
      { major: 0, minor: 0 },
      { major: 1, minor: 5 },
      { major: 10, minor: 20 },
      { major: 123, minor: 0 },
    ];
    for (const pattern of patterns) {
      for (const line of lines) {
        expect(parseBranchName(pattern, branchName(pattern, line))).toEqual(line);
      }
    }
  });
});

describe("parseLineArgument", () => {
  it("reads major.minor", () => {
    expect(parseLineArgument("1.5", PATTERN)).toEqual(line15);
    expect(parseLineArgument("10.20", PATTERN)).toEqual({ major: 10, minor: 20 });
    expect(parseLineArgument("0.0", PATTERN)).toEqual({ major: 0, minor: 0 });
  });

  it("reads a v prefix", () => {
    expect(parseLineArgument("v1.5", PATTERN)).toEqual(line15);
    expect(parseLineArgument("V1.5", PATTERN)).toEqual(line15);
  });

  it("reads a release branch name of the configured pattern", () => {
    expect(parseLineArgument("release-1.5", PATTERN)).toEqual(line15);
    expect(parseLineArgument("release/1.5", "release/{major}.{minor}")).toEqual(line15);
    expect(parseLineArgument("release-1.5", "release/{major}.{minor}")).toBeNull();
  });

  it("ignores surrounding whitespace", () => {
    expect(parseLineArgument(" 1.5\t", PATTERN)).toEqual(line15);
  });

  it("rejects full versions, lone numbers, words and empty text", () => {
    expect(parseLineArgument("1.5.0", PATTERN)).toBeNull();
    expect(parseLineArgument("v1.5.0", PATTERN)).toBeNull();
    expect(parseLineArgument("1", PATTERN)).toBeNull();
    expect(parseLineArgument("abc", PATTERN)).toBeNull();
    expect(parseLineArgument("", PATTERN)).toBeNull();
    expect(parseLineArgument("   ", PATTERN)).toBeNull();
  });

  it("rejects malformed numbers", () => {
    expect(parseLineArgument("01.5", PATTERN)).toBeNull();
    expect(parseLineArgument("1.05", PATTERN)).toBeNull();
    expect(parseLineArgument("-1.5", PATTERN)).toBeNull();
    expect(parseLineArgument("1.5-rc.0", PATTERN)).toBeNull();
    expect(parseLineArgument("vv1.5", PATTERN)).toBeNull();
    expect(parseLineArgument("1,5", PATTERN)).toBeNull();
    expect(parseLineArgument("99999999999999999999.1", PATTERN)).toBeNull();
    expect(parseLineArgument("1.99999999999999999999", PATTERN)).toBeNull();
  });
});

describe("formatTag", () => {
  it("fills the default format", () => {
    expect(formatTag(FORMAT, "1.5.0")).toBe("v1.5.0");
    expect(formatTag(FORMAT, "1.5.0-rc.2")).toBe("v1.5.0-rc.2");
  });

  it("fills formats with a prefix or without the v", () => {
    expect(formatTag("spark-operator-v{version}", "2.5.0")).toBe("spark-operator-v2.5.0");
    expect(formatTag("chart/{version}", "2.5.0-rc.0")).toBe("chart/2.5.0-rc.0");
    expect(formatTag("{version}", "2.5.0")).toBe("2.5.0");
  });
});

describe("parseTag", () => {
  it("reads finals and candidates", () => {
    expect(parseTag(FORMAT, "v1.5.0")?.version).toBe("1.5.0");
    expect(parseTag(FORMAT, "v1.5.0-rc.2")?.version).toBe("1.5.0-rc.2");
    expect(parseTag(FORMAT, "v1.5.0-rc.10")?.version).toBe("1.5.0-rc.10");
    expect(parseTag(FORMAT, "v0.0.0-rc.0")?.version).toBe("0.0.0-rc.0");
  });

  it("returns a SemVer with the numbers of the tag", () => {
    const parsed = parseTag(FORMAT, "v10.20.30-rc.4");
    expect(parsed?.major).toBe(10);
    expect(parsed?.minor).toBe(20);
    expect(parsed?.patch).toBe(30);
    expect(parsed?.prerelease).toEqual(["rc", 4]);
  });

  it("ignores pre-releases other than rc.N", () => {
    expect(parseTag(FORMAT, "v1.5.0-beta.1")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-alpha")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-rc")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-rc1")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-rc.x")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-RC.1")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-rc.1.1")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-rc.0-hotfix")).toBeNull();
  });

  it("ignores build metadata", () => {
    expect(parseTag(FORMAT, "v1.5.0+build")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-rc.1+build.5")).toBeNull();
  });

  it("ignores tags that are not SemVer", () => {
    expect(parseTag(FORMAT, "v1.5")).toBeNull();
    expect(parseTag(FORMAT, "v1")).toBeNull();
    expect(parseTag(FORMAT, "latest")).toBeNull();
    expect(parseTag(FORMAT, "v")).toBeNull();
    expect(parseTag(FORMAT, "")).toBeNull();
    expect(parseTag(FORMAT, "v01.5.0")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-rc.01")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0.1")).toBeNull();
    expect(parseTag(FORMAT, " v1.5.0")).toBeNull();
  });

  it("ignores tags of another format", () => {
    expect(parseTag(FORMAT, "1.5.0")).toBeNull();
    expect(parseTag(FORMAT, "V1.5.0")).toBeNull();
    expect(parseTag(FORMAT, "vv1.5.0")).toBeNull();
    expect(parseTag("{version}", "v1.5.0")).toBeNull();
  });

  it("reads formats with a prefix", () => {
    expect(parseTag("spark-operator-v{version}", "spark-operator-v2.5.0-rc.1")?.version).toBe(
      "2.5.0-rc.1",
    );
    expect(parseTag("spark-operator-v{version}", "v2.5.0")).toBeNull();
    expect(parseTag("chart/{version}", "chart/2.5.0")?.version).toBe("2.5.0");
    expect(parseTag("chart/{version}", "chart/v2.5.0")).toBeNull();
  });

  it("reads formats with a suffix", () => {
    expect(parseTag("{version}-operator", "1.5.0-rc.3-operator")?.version).toBe("1.5.0-rc.3");
    expect(parseTag("{version}-operator", "1.5.0-rc.3")).toBeNull();
  });

  it("treats regular expression metacharacters of the format literally", () => {
    expect(parseTag("v.{version}", "v.1.5.0")?.version).toBe("1.5.0");
    expect(parseTag("v.{version}", "vx1.5.0")).toBeNull();
    expect(parseTag("(op)+{version}", "(op)+1.5.0")?.version).toBe("1.5.0");
    expect(parseTag("(op)+{version}", "opop1.5.0")).toBeNull();
  });

  it("requires a repeated {version} to repeat the same text", () => {
    const format = "v{version}/chart-{version}";
    expect(parseTag(format, "v1.5.0/chart-1.5.0")?.version).toBe("1.5.0");
    expect(parseTag(format, "v1.5.0/chart-1.6.0")).toBeNull();
  });

  it("reads no tag with a format that lacks {version}", () => {
    expect(parseTag("release", "release")).toBeNull();
    expect(parseTag("release", "v1.5.0")).toBeNull();
  });

  it("ignores numbers too large to count exactly", () => {
    expect(parseTag(FORMAT, "v99999999999999999999.0.0")).toBeNull();
    expect(parseTag(FORMAT, "v1.5.0-rc.99999999999999999999")).toBeNull();
  });

  it("reads back every tag it writes", () => {
    for (const format of [FORMAT, "{version}", "spark-operator-v{version}", "chart/{version}"]) {
      for (const version of ["0.0.0", "1.5.0-rc.0", "1.5.10-rc.12", "10.20.30"]) {
        expect(parseTag(format, formatTag(format, version))?.version).toBe(version);
      }
    }
  });
});

describe("tagRefPrefix", () => {
  it("is the tag up to the minor and its dot", () => {
    expect(tagRefPrefix(FORMAT, line15)).toBe("v1.5.");
    expect(tagRefPrefix(FORMAT, { major: 10, minor: 0 })).toBe("v10.0.");
  });

  it("keeps the prefix of the format", () => {
    expect(tagRefPrefix("spark-operator-v{version}", line15)).toBe("spark-operator-v1.5.");
    expect(tagRefPrefix("chart/{version}", line15)).toBe("chart/1.5.");
  });

  it("drops the suffix of the format", () => {
    expect(tagRefPrefix("{version}-operator", line15)).toBe("1.5.");
  });

  it("is a prefix of every tag of the line and of no tag of line 1.50", () => {
    const prefix = tagRefPrefix(FORMAT, line15);
    for (const tag of ["v1.5.0-rc.0", "v1.5.0", "v1.5.12"])
      expect(tag.startsWith(prefix)).toBe(true);
    expect("v1.50.0".startsWith(prefix)).toBe(false);
  });
});

describe("isCandidate and candidateNumber", () => {
  it("recognises rc.N as a candidate with its number", () => {
    expect(isCandidate(v("1.5.0-rc.0"))).toBe(true);
    expect(candidateNumber(v("1.5.0-rc.0"))).toBe(0);
    expect(candidateNumber(v("1.5.0-rc.10"))).toBe(10);
  });

  it("does not count a final as a candidate", () => {
    expect(isCandidate(v("1.5.0"))).toBe(false);
    expect(candidateNumber(v("1.5.0"))).toBeNull();
  });

  it("does not count other pre-releases as candidates", () => {
    for (const text of ["1.5.0-beta.1", "1.5.0-rc", "1.5.0-rc.1.2", "1.5.0-rc.x"]) {
      expect(isCandidate(v(text))).toBe(false);
      expect(candidateNumber(v(text))).toBeNull();
    }
  });
});

describe("compareVersions and latestVersion", () => {
  it("orders candidate numbers numerically: rc.10 after rc.9", () => {
    expect(compareVersions(v("1.5.0-rc.10"), v("1.5.0-rc.9"))).toBe(1);
    expect(compareVersions(v("1.5.0-rc.9"), v("1.5.0-rc.10"))).toBe(-1);
    expect(latestVersion([v("1.5.0-rc.9"), v("1.5.0-rc.10"), v("1.5.0-rc.2")])?.version).toBe(
      "1.5.0-rc.10",
    );
  });

  it("orders a final after its candidates", () => {
    expect(compareVersions(v("1.5.0"), v("1.5.0-rc.10"))).toBe(1);
    expect(latestVersion([v("1.5.0-rc.3"), v("1.5.0"), v("1.5.0-rc.4")])?.version).toBe("1.5.0");
  });

  it("orders a patch candidate after the previous final", () => {
    expect(latestVersion([v("1.5.0"), v("1.5.1-rc.0")])?.version).toBe("1.5.1-rc.0");
  });

  it("orders patches numerically: 1.5.10 after 1.5.9", () => {
    expect(latestVersion([v("1.5.10"), v("1.5.9")])?.version).toBe("1.5.10");
  });

  it("reports equal versions as equal", () => {
    expect(compareVersions(v("1.5.0-rc.1"), v("1.5.0-rc.1"))).toBe(0);
  });

  it("has no latest of no versions", () => {
    expect(latestVersion([])).toBeNull();
  });
});

describe("versionsOfLine", () => {
  it("keeps the tags of the line, ascending", () => {
    const tags = ["v1.5.0", "v1.5.0-rc.1", "v1.5.1-rc.0", "v1.5.0-rc.0"];
    expect(strings(versionsOfLine(FORMAT, line15, tags))).toEqual([
      "1.5.0-rc.0",
      "1.5.0-rc.1",
      "1.5.0",
      "1.5.1-rc.0",
    ]);
  });

  it("sorts rc.10 after rc.9 and rc.2", () => {
    const tags = ["v1.5.0-rc.10", "v1.5.0-rc.9", "v1.5.0-rc.2"];
    expect(strings(versionsOfLine(FORMAT, line15, tags))).toEqual([
      "1.5.0-rc.2",
      "1.5.0-rc.9",
      "1.5.0-rc.10",
    ]);
  });

  it("leaves out the tags of other lines", () => {
    const tags = ["v1.50.0", "v1.4.3", "v2.5.0", "v1.5.2", "v0.1.5", "v11.5.0", "v1.55.0-rc.0"];
    expect(strings(versionsOfLine(FORMAT, line15, tags))).toEqual(["1.5.2"]);
  });

  it("leaves out tags that are not ours", () => {
    const tags = [
      "latest",
      "v1.5",
      "v1.5.0-rc.0-hotfix",
      "v1.5.0-beta.1",
      "v1.5.0+build",
      "1.5.0",
      "v1.5.0-rc.0",
    ];
    expect(strings(versionsOfLine(FORMAT, line15, tags))).toEqual(["1.5.0-rc.0"]);
  });

  it("lists a version once when the same tag is given twice", () => {
    expect(strings(versionsOfLine(FORMAT, line15, ["v1.5.0", "v1.5.0"]))).toEqual(["1.5.0"]);
  });

  it("reads tags of a prefixed format", () => {
    const tags = ["spark-operator-v1.5.0-rc.0", "v1.5.0-rc.1", "spark-operator-v1.4.0"];
    expect(strings(versionsOfLine("spark-operator-v{version}", line15, tags))).toEqual([
      "1.5.0-rc.0",
    ]);
  });

  it("is empty without tags", () => {
    expect(versionsOfLine(FORMAT, line15, [])).toEqual([]);
  });
});

describe("nextCandidate", () => {
  it("starts a new line at X.Y.0-rc.0", () => {
    expect(nextCandidate(line15, [])).toBe("1.5.0-rc.0");
    expect(nextCandidate({ major: 10, minor: 20 }, [])).toBe("10.20.0-rc.0");
  });

  it("counts up after a candidate", () => {
    expect(nextCandidate(line15, [v("1.5.0-rc.0")])).toBe("1.5.0-rc.1");
    expect(nextCandidate(line15, [v("1.5.0-rc.0"), v("1.5.0-rc.1")])).toBe("1.5.0-rc.2");
  });

  it("counts up from rc.10, not from rc.9", () => {
    expect(nextCandidate(line15, [v("1.5.0-rc.10"), v("1.5.0-rc.9")])).toBe("1.5.0-rc.11");
  });

  it("starts the next patch at rc.0 after a final", () => {
    expect(nextCandidate(line15, [v("1.5.0-rc.3"), v("1.5.0")])).toBe("1.5.1-rc.0");
    expect(nextCandidate(line15, [v("1.5.0"), v("1.5.1-rc.0"), v("1.5.1")])).toBe("1.5.2-rc.0");
  });

  it("continues the patch candidates after a final", () => {
    expect(nextCandidate(line15, [v("1.5.0"), v("1.5.1-rc.0")])).toBe("1.5.1-rc.1");
  });

  it("ignores versions of other lines", () => {
    expect(nextCandidate(line15, [v("1.4.3"), v("1.50.0-rc.4"), v("2.5.0")])).toBe("1.5.0-rc.0");
    expect(nextCandidate(line15, [v("1.5.0-rc.1"), v("1.6.0-rc.7")])).toBe("1.5.0-rc.2");
  });

  it("ignores pre-releases that are not candidates", () => {
    expect(nextCandidate(line15, [v("1.5.0-rc.1"), v("1.5.0-zeta.1")])).toBe("1.5.0-rc.2");
    expect(nextCandidate(line15, [v("1.5.1-beta.0")])).toBe("1.5.0-rc.0");
  });

  it("ignores versions with build metadata", () => {
    expect(nextCandidate(line15, [v("1.5.0-rc.1"), v("1.5.9+build.1")])).toBe("1.5.0-rc.2");
  });

  it("counts a two-digit patch up", () => {
    expect(nextCandidate(line15, [v("1.5.10")])).toBe("1.5.11-rc.0");
    expect(nextCandidate(line15, [v("1.5.10-rc.3")])).toBe("1.5.10-rc.4");
  });

  it("works from the output of versionsOfLine", () => {
    const tags = ["v1.5.0-rc.0", "v1.5.0", "v1.5.1-rc.0", "v1.50.9", "latest"];
    expect(nextCandidate(line15, versionsOfLine(FORMAT, line15, tags))).toBe("1.5.1-rc.1");
  });
});

describe("nextFinal", () => {
  const lenient = { requireCandidate: false };
  const strict = { requireCandidate: true };

  it("releases the newest candidate", () => {
    expect(nextFinal(line15, [v("1.5.0-rc.0"), v("1.5.0-rc.1")], lenient)).toEqual({
      ok: true,
      version: "1.5.0",
    });
  });

  it("releases rc.10 rather than rc.9", () => {
    expect(nextFinal(line15, [v("1.5.1-rc.9"), v("1.5.1-rc.10"), v("1.5.0")], strict)).toEqual({
      ok: true,
      version: "1.5.1",
    });
  });

  it("releases a patch candidate after a final", () => {
    expect(nextFinal(line15, [v("1.5.0"), v("1.5.1-rc.0")], strict)).toEqual({
      ok: true,
      version: "1.5.1",
    });
  });

  it("refuses a line without any version and says to cut a candidate", () => {
    expect(nextFinal(line15, [], lenient)).toEqual({
      ok: false,
      reason: "There is no release candidate of 1.5 yet; run `/rc 1.5` to cut 1.5.0-rc.0 first.",
    });
  });

  it("refuses a line whose only versions are of other lines", () => {
    expect(nextFinal(line15, [v("1.4.0-rc.0"), v("1.50.0-rc.0")], lenient)).toEqual({
      ok: false,
      reason: "There is no release candidate of 1.5 yet; run `/rc 1.5` to cut 1.5.0-rc.0 first.",
    });
  });

  it("cuts the patch final directly after a final", () => {
    expect(nextFinal(line15, [v("1.5.0-rc.1"), v("1.5.0")], lenient)).toEqual({
      ok: true,
      version: "1.5.1",
    });
    expect(nextFinal({ major: 2, minor: 2 }, [v("2.2.0")], lenient)).toEqual({
      ok: true,
      version: "2.2.1",
    });
  });

  it("refuses the patch final without a candidate when the repository requires one", () => {
    expect(nextFinal(line15, [v("1.5.0-rc.1"), v("1.5.0")], strict)).toEqual({
      ok: false,
      reason:
        "1.5.0 is already released and this repository requires a release candidate before every final; run `/rc 1.5` to cut 1.5.1-rc.0 first.",
    });
  });

  it("names the newest final in the refusal", () => {
    const result = nextFinal(line15, [v("1.5.0"), v("1.5.1-rc.0"), v("1.5.1")], strict);
    expect(result).toEqual({
      ok: false,
      reason:
        "1.5.1 is already released and this repository requires a release candidate before every final; run `/rc 1.5` to cut 1.5.2-rc.0 first.",
    });
  });

  it("ignores pre-releases that are not candidates", () => {
    expect(nextFinal(line15, [v("1.5.0"), v("1.5.1-beta.0")], lenient)).toEqual({
      ok: true,
      version: "1.5.1",
    });
  });
});
