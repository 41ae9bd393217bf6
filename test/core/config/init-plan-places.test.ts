/**
 * `release-bot init`'s entries for the places its charts and VERSION file leave behind: which
 * setting manages each, the comment it gets, and why a place is left alone.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config.js";
import { type InitPlan, planConfiguration } from "../../../src/core/config/init-plan.js";
import { chart, view } from "./repository.js";

function planned(files: Record<string, string>, tags: string[] = []) {
  const plan: InitPlan = planConfiguration(view(files, tags), parseConfig);
  if (!plan.ok) throw new Error(plan.error);
  return { ...plan, said: plan.notes.map((n) => `${n.key} ${n.why}`) };
}

const SEMVER = "(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)";
const TAG = `(v${SEMVER.slice(1)}`;

describe("planConfiguration: Kustomize", () => {
  it("manages the operator's newTag, not the entry listed before it", () => {
    const plan = planned({
      VERSION: "v1.0.0\n",
      "config/kustomization.yaml":
        "images:\n- name: x/sidecar\n  newTag: 2.4.1\n- name: x/op\n  newTag: v1.0.0\n",
    });
    expect(plan.raw.kustomize).toEqual([
      { path: "config/kustomization.yaml", image: "x/op", format: "{tag}" },
    ]);
    expect(plan.said).toContain(
      "kustomize[0] config/kustomization.yaml:5: newTag `v1.0.0` of x/op",
    );
  });

  it("numbers one entry per kustomization", () => {
    const plan = planned({
      VERSION: "v1.0.0\n",
      "config/default/kustomization.yaml": "images:\n- name: x/op\n  newTag: v1.0.0\n",
      "config/webhook/kustomization.yaml": "images:\n- name: x/webhook\n  newTag: v1.0.0\n",
    });
    expect(plan.raw.kustomize).toEqual([
      { path: "config/default/kustomization.yaml", image: "x/op", format: "{tag}" },
      { path: "config/webhook/kustomization.yaml", image: "x/webhook", format: "{tag}" },
    ]);
    expect(plan.said.slice(1)).toEqual([
      "kustomize[0] config/default/kustomization.yaml:3: newTag `v1.0.0` of x/op",
      "kustomize[1] config/webhook/kustomization.yaml:3: newTag `v1.0.0` of x/webhook",
    ]);
  });

  it("matches by pattern a newTag no images entry can set", () => {
    const plan = planned({
      VERSION: "v1.0.0\n",
      // Inside a patch, not under `images`.
      "config/patch/kustomization.yaml":
        "patches:\n- patch: |-\n    newTag: v1.0.0\n  target:\n    kind: Deployment\n",
      // An entry naming no image.
      "config/unnamed/kustomization.yaml": "images:\n- newTag: v1.0.0\n",
      // `newTag` twice in one entry: the edit refuses it.
      "config/twice/kustomization.yaml":
        "images:\n- name: x/op\n  newTag: v1.0.0\n  newTag: v1.0.0\n",
      // Shaped like a kustomization, named otherwise.
      "hack/images.yaml": "images:\n- name: x/op\n  newTag: v1.0.0\n",
    });
    expect(plan.raw.kustomize).toBeUndefined();
    expect(plan.raw.files).toEqual([
      { path: "config/patch/kustomization.yaml", pattern: `^    newTag: ${TAG}`, format: "{tag}" },
      { path: "config/twice/kustomization.yaml", pattern: `^  newTag: ${TAG}`, format: "{tag}" },
      { path: "config/unnamed/kustomization.yaml", pattern: `^- newTag: ${TAG}`, format: "{tag}" },
      { path: "hack/images.yaml", pattern: `^  newTag: ${TAG}`, format: "{tag}" },
    ]);
  });

  it("follows the operator's image through four rounds at most", () => {
    // Each kustomization renames the image of the one before: each round finds the next.
    const renamed = (name: string, from: string, tag: string) =>
      `images:\n- name: ${name}\n  newName: ${from}\n  newTag: ${tag}\n`;
    const plan = planned({
      VERSION: "v1.0.0\n",
      "config/a/kustomization.yaml": "images:\n- name: x/a\n  newTag: v1.0.0\n",
      "config/b/kustomization.yaml": renamed("x/b", "x/a", "v0.9.0"),
      "config/c/kustomization.yaml": renamed("x/c", "x/b", "v0.8.0"),
      "config/d/kustomization.yaml": renamed("x/d", "x/c", "v0.7.0"),
      "config/e/kustomization.yaml": renamed("x/e", "x/d", "v0.6.0"),
    });
    expect(plan.raw.kustomize?.map((k) => k.image)).toEqual(["x/a", "x/b", "x/c", "x/d"]);
    expect(plan.said.at(-1)).toBe(
      "kustomize[3] config/d/kustomization.yaml:4: newTag `v0.7.0` of x/d",
    );
  });
});

describe("planConfiguration: charts' dependencies", () => {
  it("turns charts.dependencies on once for every local dependency", () => {
    const dependsOnOp = `${chart("1.0.0", "1.0.0")}dependencies:\n  - name: op\n    version: 1.0.0\n    repository: file://../op\n`;
    const plan = planned({
      "charts/op/Chart.yaml": chart("1.0.0", "1.0.0"),
      "charts/suite/Chart.yaml": dependsOnOp,
      "charts/umbrella/Chart.yaml": dependsOnOp,
    });
    expect(plan.raw).toEqual({
      charts: {
        paths: ["charts/**/Chart.yaml"],
        version: "{image}",
        appVersion: "{image}",
        dependencies: true,
      },
    });
    expect(plan.said.slice(3)).toEqual([
      "charts.dependencies charts/suite/Chart.yaml:7: a local dependency pinned at `1.0.0`",
    ]);
    expect(plan.leftAlone).toEqual([]);
  });
});
