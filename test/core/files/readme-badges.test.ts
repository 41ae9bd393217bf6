import { describe, expect, it } from "vitest";
import { bumpReadmeBadges, shieldsMessage } from "../../../src/core/files/readme-badges.js";

/** The two badges exactly as helm-docs' default template writes them. */
function helmDocsBadges(version: string, appVersion: string, style = "flat-square"): string {
  const badge = (label: string, value: string) =>
    `![${label}: ${value}](https://img.shields.io/badge/${label}-${value.replaceAll("-", "--")}-informational?style=${style})`;
  return `${badge("Version", version)} ${badge("AppVersion", appVersion)}`;
}

const README = (badges: string) =>
  `# spark-operator\n\n${badges}\n\nA Helm chart for Spark on Kubernetes operator.\n`;

describe("bumpReadmeBadges", () => {
  it("rewrites both badges the way helm-docs would", () => {
    const before = README(helmDocsBadges("2.5.0-rc.0", "2.5.0-rc.0"));
    const result = bumpReadmeBadges(before, { version: "2.5.0", appVersion: "2.5.0" });
    expect(result).toEqual({
      text: README(helmDocsBadges("2.5.0", "2.5.0")),
      changed: true,
      found: true,
    });
  });

  it("escapes dashes in the URL and leaves the alt text as is", () => {
    const before = README(helmDocsBadges("1.4.5", "v1beta2-1.6.2-3.5.0"));
    const result = bumpReadmeBadges(before, { version: "2.0.0-rc.0", appVersion: "2.0.0-rc.0" });
    expect(result.text).toBe(README(helmDocsBadges("2.0.0-rc.0", "2.0.0-rc.0")));
    expect(result.text).toContain(
      "![Version: 2.0.0-rc.0](https://img.shields.io/badge/Version-2.0.0--rc.0-",
    );
  });

  it("rewrites a badge linked over http as well", () => {
    const before = README(helmDocsBadges("1.4.5", "1.4.5").replaceAll("https://", "http://"));
    expect(bumpReadmeBadges(before, { version: "1.5.0" }).text).toBe(
      README(helmDocsBadges("1.5.0", "1.4.5").replaceAll("https://", "http://")),
    );
  });

  it("is idempotent", () => {
    const text = README(helmDocsBadges("2.5.0", "2.5.0"));
    expect(bumpReadmeBadges(text, { version: "2.5.0", appVersion: "2.5.0" })).toEqual({
      text,
      changed: false,
      found: true,
    });
  });

  it("keeps other badge styles, colours, a Type badge between them and CRLF", () => {
    const before = [
      "# x\r\n",
      "![Version: 0.1.0](https://img.shields.io/badge/Version-0.1.0-informational?style=for-the-badge) ",
      "![Type: application](https://img.shields.io/badge/Type-application-informational?style=for-the-badge) ",
      "![AppVersion: v0.1.0](https://img.shields.io/badge/AppVersion-v0.1.0-blue)\r\n",
    ].join("");
    const result = bumpReadmeBadges(before, { version: "0.2.0-rc.1", appVersion: "v0.2.0-rc.1" });
    expect(result.text).toBe(
      before
        .replace("Version: 0.1.0", "Version: 0.2.0-rc.1")
        .replace("Version-0.1.0-informational", "Version-0.2.0--rc.1-informational")
        .replace("AppVersion: v0.1.0", "AppVersion: v0.2.0-rc.1")
        .replace("AppVersion-v0.1.0-blue", "AppVersion-v0.2.0--rc.1-blue"),
    );
  });

  it("reads an old value whose URL ends in an escaped dash", () => {
    const before =
      "![AppVersion: x-](https://img.shields.io/badge/AppVersion-x---informational?style=flat-square)";
    expect(bumpReadmeBadges(before, { appVersion: "1.0.0" }).text).toBe(
      "![AppVersion: 1.0.0](https://img.shields.io/badge/AppVersion-1.0.0-informational?style=flat-square)",
    );
  });

  it("changes only the badges it is given values for", () => {
    const before = README(helmDocsBadges("1.0.0", "v1.0.0"));
    expect(bumpReadmeBadges(before, { version: "1.1.0" }).text).toBe(
      README(helmDocsBadges("1.1.0", "v1.0.0")),
    );
    expect(bumpReadmeBadges(before, { appVersion: "v1.1.0" }).text).toBe(
      README(helmDocsBadges("1.0.0", "v1.1.0")),
    );
  });

  it("changes every copy of a badge", () => {
    const badges = helmDocsBadges("1.0.0", "1.0.0");
    const before = `${badges}\n\n${badges}\n`;
    const after = helmDocsBadges("1.1.0", "1.1.0");
    expect(bumpReadmeBadges(before, { version: "1.1.0", appVersion: "1.1.0" }).text).toBe(
      `${after}\n\n${after}\n`,
    );
  });

  it("reports found: false for a README without badges, unchanged", () => {
    const text = "# chart\n\nNo badges here. Version: 1.0.0\n";
    expect(bumpReadmeBadges(text, { version: "2.0.0", appVersion: "2.0.0" })).toEqual({
      text,
      changed: false,
      found: false,
    });
    expect(bumpReadmeBadges(README(helmDocsBadges("1.0.0", "1.0.0")), {})).toMatchObject({
      found: false,
      changed: false,
    });
  });

  it("ignores a badge whose alt text and URL label disagree, and other shields badges", () => {
    const text =
      "![Version: 1.0.0](https://img.shields.io/badge/AppVersion-1.0.0-informational) ![License](https://img.shields.io/badge/License-Apache--2.0-blue)\n";
    expect(bumpReadmeBadges(text, { version: "2.0.0", appVersion: "2.0.0" })).toEqual({
      text,
      changed: false,
      found: false,
    });
  });
});

describe("shieldsMessage", () => {
  it("doubles dashes only, as helm-docs' template does", () => {
    expect(shieldsMessage("2.5.0-rc.0")).toBe("2.5.0--rc.0");
    expect(shieldsMessage("v1beta2-1.6.2-3.5.0")).toBe("v1beta2--1.6.2--3.5.0");
    expect(shieldsMessage("1.0.0+build.1")).toBe("1.0.0+build.1");
  });
});
