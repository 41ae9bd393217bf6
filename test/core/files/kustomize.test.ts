import { describe, expect, it } from "vitest";
import {
  readKustomizeImages,
  readKustomizeTags,
  setKustomizeTag,
} from "../../../src/core/files/kustomize.js";

const IMAGE = "ghcr.io/kubeflow/spark-operator/controller";

const KUSTOMIZATION = `# Default Kustomization
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

# Image configuration - tag is derived from the VERSION file at the repo root.
images:
  - name: busybox
    newName: mirror.example.com/busybox
  - name: ${IMAGE}
    newTag: v2.5.0-rc.0 # keep
  - name: controller
    newName: ${IMAGE}
    newTag: 'v2.5.0-rc.0'
`;

describe("setKustomizeTag", () => {
  it("sets newTag of each entry naming the image, changing only those bytes", () => {
    const result = setKustomizeTag(KUSTOMIZATION, IMAGE, "v2.6.0-rc.0", "k.yaml");
    expect(result).toEqual({
      ok: true,
      changed: true,
      previous: "v2.5.0-rc.0",
      text: KUSTOMIZATION.replace(
        "newTag: v2.5.0-rc.0 # keep",
        "newTag: v2.6.0-rc.0 # keep",
      ).replace("newTag: 'v2.5.0-rc.0'", "newTag: 'v2.6.0-rc.0'"),
    });
  });

  it("reports no change when the tag is already set", () => {
    const text = `images:\n- name: ${IMAGE}\n  newTag: v1\n`;
    expect(setKustomizeTag(text, IMAGE, "v1", "k.yaml")).toEqual({
      ok: true,
      changed: false,
      previous: "v1",
      text,
    });
  });

  it("leaves an entry that only renames the image alone, and refuses when no entry pins a tag", () => {
    const text = "images:\n  - name: busybox\n    newName: mirror.example.com/busybox\n";
    expect(setKustomizeTag(text, "busybox", "v2", "k.yaml")).toEqual({
      ok: false,
      code: "missing-key",
      error:
        "k.yaml: its `images` entry for `busybox` sets no `newTag` (only `newName` or `digest`), so it pins no tag to set.",
    });
  });

  it("names the images the file lists when none is the configured one", () => {
    expect(setKustomizeTag(KUSTOMIZATION, "quay.io/x/y", "v2", "k.yaml")).toEqual({
      ok: false,
      code: "missing-key",
      error: `k.yaml: its \`images\` list has no entry named \`quay.io/x/y\` (it lists \`busybox\`, \`${IMAGE}\`, \`controller\`).`,
    });
  });

  it("says so when the file has no images list", () => {
    const result = setKustomizeTag("resources:\n- a\n", IMAGE, "v2", "k.yaml");
    expect(result).toMatchObject({ ok: false, error: "k.yaml: it has no `images` list." });
    const entries = setKustomizeTag("images:\n- just-a-string\n", IMAGE, "v2", "k.yaml");
    expect(entries).toMatchObject({ ok: false, error: "k.yaml: it has no `images` list." });
  });

  it("refuses invalid YAML and several documents with the YAML edit's words", () => {
    expect(setKustomizeTag("images: [\n", IMAGE, "v2", "k.yaml")).toMatchObject({
      ok: false,
      code: "invalid-yaml",
    });
    expect(setKustomizeTag("a: 1\n---\nb: 2\n", IMAGE, "v2", "k.yaml")).toMatchObject({
      ok: false,
      code: "multiple-documents",
    });
  });

  it("passes on the YAML edit's refusal of an aliased tag", () => {
    const text = `x: &t v1\nimages:\n- name: ${IMAGE}\n  newTag: *t\n`;
    expect(setKustomizeTag(text, IMAGE, "v2", "k.yaml")).toMatchObject({
      ok: false,
      code: "alias",
    });
  });
});

describe("readKustomizeImages", () => {
  it("lists each mapping entry with its line of newTag", () => {
    expect(readKustomizeImages(KUSTOMIZATION)).toEqual([
      { index: 0, name: "busybox", newName: "mirror.example.com/busybox" },
      { index: 1, name: IMAGE, newTag: "v2.5.0-rc.0", newTagLine: 10 },
      { index: 2, name: "controller", newName: IMAGE, newTag: "v2.5.0-rc.0", newTagLine: 13 },
    ]);
  });

  it("keeps a plain number as written and skips an empty tag", () => {
    expect(
      readKustomizeImages("images:\n- name: a\n  newTag: 1.10\n- name: b\n  newTag:\n"),
    ).toEqual([
      { index: 0, name: "a", newTag: "1.10", newTagLine: 3 },
      { index: 1, name: "b" },
    ]);
  });

  it("keeps an aliased value as written, reads a file with a key twice, and is empty without images", () => {
    expect(readKustomizeImages("x: &t v1\nimages:\n- name: a\n  newTag: *t\n")).toEqual([
      { index: 0, name: "a", newTag: "*t" },
    ]);
    // kustomize's own reader takes a repeated key; so does this one, rather than refuse the file.
    expect(readKustomizeImages("namespace: a\nnamespace: b\nimages:\n- name: a\n")).toEqual([
      { index: 0, name: "a" },
    ]);
    expect(readKustomizeImages("resources: []\n")).toEqual([]);
  });

  it("names only the entries that have a name when it lists what the file holds", () => {
    const text = "images:\n- newName: x/renamed\n  newTag: v1\n- name: busybox\n  newTag: v1\n";
    expect(setKustomizeTag(text, "x/op", "v2", "k.yaml")).toMatchObject({
      ok: false,
      error: "k.yaml: its `images` list has no entry named `x/op` (it lists `busybox`).",
    });
  });

  it("is null for text that is not one YAML document", () => {
    expect(readKustomizeImages("a: [")).toBeNull();
    expect(readKustomizeImages("a: 1\n---\nb: 1\n")).toBeNull();
  });

  it("reads the tags of one image", () => {
    expect(readKustomizeTags(KUSTOMIZATION, IMAGE)).toEqual(["v2.5.0-rc.0", "v2.5.0-rc.0"]);
    expect(readKustomizeTags(KUSTOMIZATION, "busybox")).toEqual([]);
    expect(readKustomizeTags("a: [", IMAGE)).toEqual([]);
  });
});
