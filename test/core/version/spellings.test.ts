import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config.js";
import {
  pep440,
  pep440Candidates,
  renderFormat,
  versionStrings,
} from "../../../src/core/version/spellings.js";

describe("pep440", () => {
  it.each([
    ["1.5.0", "1.5.0"],
    ["1.5.0-rc.0", "1.5.0rc0"],
    ["1.5.0-rc.12", "1.5.0rc12"],
    ["1.5.0-rc", "1.5.0rc0"],
    ["1.6.0-alpha.1", "1.6.0a1"],
    ["1.6.0-a.1", "1.6.0a1"],
    ["1.6.0-beta.2", "1.6.0b2"],
    ["1.6.0-b.2", "1.6.0b2"],
    ["1.6.0-c.3", "1.6.0rc3"],
    ["1.6.0-pre.3", "1.6.0rc3"],
    ["1.6.0-preview.3", "1.6.0rc3"],
    ["1.6.0-RC.1", "1.6.0rc1"],
    ["1.6.0-rc.01", "1.6.0rc1"],
    ["1.6.0-dev.2", "1.6.0.dev2"],
    ["1.6.0-dev", "1.6.0.dev0"],
    ["1.6.0-DEV.4", "1.6.0.dev4"],
    ["1.5.0+build.7", "1.5.0"],
    ["1.5.0-rc.0+build.7", "1.5.0rc0"],
    ["1.5.0-foo.1", "1.5.0+foo.1"],
    ["1.5.0-rc.1.2", "1.5.0+rc.1.2"],
    ["1.5.0-rc.x", "1.5.0+rc.x"],
    ["1.5.0-dev.x", "1.5.0+dev.x"],
    ["1.5.0-snap_shot-1", "1.5.0+snap.shot.1"],
  ])("spells %s as %s", (semver, python) => {
    expect(pep440(semver)).toBe(python);
  });
});

describe("pep440Candidates", () => {
  it("reads PEP 440 versions back as SemVer", () => {
    expect(pep440Candidates('version = "1.5.0rc0", 2.0.0, 1.6.0a1 1.6.0b2')).toEqual([
      "1.5.0-rc.0",
      "2.0.0",
      "1.6.0-alpha.1",
      "1.6.0-beta.2",
    ]);
    expect(pep440Candidates("none")).toEqual([]);
  });
});

describe("renderFormat", () => {
  it("replaces every placeholder, {pep440} too", () => {
    const strings = versionStrings(defaultConfig, "2.5.0-rc.0");
    expect(renderFormat("{version} {tag} {image} {pep440} {pep440}", strings)).toBe(
      "2.5.0-rc.0 v2.5.0-rc.0 2.5.0-rc.0 2.5.0rc0 2.5.0rc0",
    );
  });
});
