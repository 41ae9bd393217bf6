/**
 * `release-bot init`'s `values` and `files` entries: a YAML key holding just the version, else a
 * pattern on the text before it; and the places it leaves to a person, each with the reason.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config.js";
import { type InitPlan, planConfiguration } from "../../../src/core/config/init-plan.js";
import { view } from "./repository.js";

function planned(files: Record<string, string>) {
  const plan: InitPlan = planConfiguration(view(files), parseConfig);
  if (!plan.ok) throw new Error(plan.error);
  return { ...plan, said: plan.notes.map((n) => `${n.key} ${n.why}`) };
}

const SEMVER = "(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)";

describe("planConfiguration: values and files", () => {
  it("gives each YAML file its values entry, a .yml one too, and patterns to the rest", () => {
    const plan = planned({
      VERSION: "1.0.0\n",
      "deploy/prod.yaml": "op:\n  version: 1.0.0\n",
      "deploy/test.yml": "op:\n  version: 1.0.0\n",
      // Not YAML, though it reads as YAML: a pattern.
      "app.properties": "version: 1.0.0\n",
      "helmfile.yaml.gotmpl": "version: 1.0.0\n",
    });
    expect(plan.raw.values).toEqual([
      { path: "deploy/prod.yaml", key: "op.version", format: "{version}" },
      { path: "deploy/test.yml", key: "op.version", format: "{version}" },
    ]);
    expect(plan.raw.files).toEqual([
      { path: "app.properties", pattern: `^version: ${SEMVER}`, format: "{version}" },
      { path: "helmfile.yaml.gotmpl", pattern: `^version: ${SEMVER}`, format: "{version}" },
    ]);
    expect(plan.said.slice(1)).toEqual([
      "files[0] app.properties:1: other `1.0.0`",
      "values[0] deploy/prod.yaml:2: `op.version` is other `1.0.0`",
      "values[1] deploy/test.yml:2: `op.version` is other `1.0.0`",
      "files[1] helmfile.yaml.gotmpl:1: other `1.0.0`",
    ]);
  });

  it("matches a version below the first line, in LF and CRLF files", () => {
    const plan = planned({
      VERSION: "1.0.0\n",
      Makefile: "IMG ?= x/op\nVERSION ?= 1.0.0\n",
      "hack/release.sh": "#!/bin/sh\r\nRELEASE=1.0.0\r\n",
    });
    expect(plan.raw.files).toEqual([
      { path: "Makefile", pattern: `^VERSION \\?= ${SEMVER}`, format: "{version}" },
      { path: "hack/release.sh", pattern: `^RELEASE=${SEMVER}`, format: "{version}" },
    ]);
    expect(plan.said.slice(1)).toEqual([
      "files[0] Makefile:2: Makefile variable `1.0.0`",
      "files[1] hack/release.sh:2: other `1.0.0`",
    ]);
    expect(plan.leftAlone).toEqual([]);
  });

  it("writes one pattern per distinct line text, in each file", () => {
    const plan = planned({
      VERSION: "1.0.0\n",
      "hack/versions.env": "APP=1.0.0\nCHART=1.0.0\nAPP=1.0.0\n",
      "tools/versions.env": "APP=1.0.0\n",
    });
    expect(plan.raw.files).toEqual([
      { path: "hack/versions.env", pattern: `^APP=${SEMVER}`, format: "{version}" },
      { path: "hack/versions.env", pattern: `^CHART=${SEMVER}`, format: "{version}" },
      { path: "tools/versions.env", pattern: `^APP=${SEMVER}`, format: "{version}" },
    ]);
    expect(plan.leftAlone).toEqual([]);
  });
});

describe("planConfiguration: left alone", () => {
  it("leaves a version a pattern would capture more of, and says why", () => {
    const plan = planned({ VERSION: "1.0.0\n", Dockerfile: "FROM x/op:1.0.0-ubi8\n" });
    expect(plan.raw.files).toBeUndefined();
    expect(plan.leftAlone).toEqual([
      "Dockerfile:1: other `1.0.0` cannot be matched by a pattern on its line",
    ]);
  });

  it("keeps each place's own reason while later rounds manage the rest", () => {
    const plan = planned({
      VERSION: "v1.0.0-rc.0\n",
      "docs/a.md": "see the 1.0.0--rc.0 badge\n",
      "docs/b.md": "and the 1.0.0--rc.0 one\n",
      Makefile: "VERSION ?= v1.0.0-rc.0\n",
    });
    expect(plan.said).toEqual([
      "versionFile VERSION: `v1.0.0-rc.0`",
      "files[0] Makefile:1: Makefile variable `v1.0.0-rc.0`",
    ]);
    expect(plan.leftAlone).toEqual([
      "docs/a.md:1: other `1.0.0--rc.0` is spelled in no format the bot writes (a badge of an unmanaged chart, say)",
      "docs/b.md:1: other `1.0.0--rc.0` is spelled in no format the bot writes (a badge of an unmanaged chart, say)",
    ]);
  });
});
