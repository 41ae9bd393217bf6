import { describe, expect, it } from "vitest";
import { type Config, parseConfig, type RawConfig } from "../../../src/config.js";
import { findVersionPlaces, operatorImages } from "../../../src/core/files/discovery.js";
import { versionStrings } from "../../../src/core/version/spellings.js";

// The operator image's references: how its names are matched, and the tags Kustomize and a
// values file pin beside it. The previous version is left out here, so every place is one found
// through the image.

function config(raw: RawConfig = {}): Config {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

function places(
  files: Record<string, string>,
  images: string[],
  options: { previous?: string[]; raw?: RawConfig } = {},
): string[] {
  const cfg = config(options.raw);
  const report = findVersionPlaces(cfg, {
    files: new Map(Object.entries(files)),
    previous: options.previous ?? [],
    current: versionStrings(cfg, "1.3.0-rc.0"),
    images,
  });
  return report.places.map(
    (p) => `${p.path}:${p.line} ${p.found} ${p.kind} ${p.format} ${p.version}`,
  );
}

describe("the operator image's names", () => {
  it("matches a name without registry whole, through any registry, and not a namesake", () => {
    const deploy = [
      "image: example/controller:v0.9.0",
      "image: docker.io/example/controller:v0.9.1",
      "image: quay.io/controller:v0.9.2",
      "image: example/controller-webhook:v0.9.3",
    ].join("\n");
    // A trailing space, as a quoted `image.name` may keep it, is no part of the name.
    expect(places({ "deploy.yaml": deploy }, ["example/controller "])).toEqual([
      "deploy.yaml:1 v0.9.0 manifest-image {tag} 0.9.0",
      "deploy.yaml:2 v0.9.1 manifest-image {tag} 0.9.1",
    ]);
  });

  it("drops the tag of a name written with one", () => {
    const files = { "deploy.yaml": "image: ghcr.io/example/op:v1.1.0\n" };
    expect(places(files, ["ghcr.io/example/op:latest"])).toEqual([
      "deploy.yaml:1 v1.1.0 manifest-image {tag} 1.1.0",
    ]);
  });

  it("keeps the port of a registry without a dot (kind's local registry)", () => {
    const files = { "deploy.yaml": "image: kind-registry:5000/example/op:v1.1.0\n" };
    expect(places(files, ["kind-registry:5000/example/op"])).toEqual([
      "deploy.yaml:1 v1.1.0 manifest-image {tag} 1.1.0",
    ]);
  });

  it("takes podman's localhost/ for a registry", () => {
    const files = { "deploy.yaml": "image: localhost:5001/spark-operator:v1.1.0\n" };
    expect(places(files, ["localhost/spark-operator"])).toEqual([
      "deploy.yaml:1 v1.1.0 manifest-image {tag} 1.1.0",
    ]);
  });

  it("reads no registry into a one-part name, nor an image into a blank one", () => {
    // With an empty name, `$(IMG):v0.9.0` would read as a reference to the operator's image.
    const files = { Makefile: "push:\n\tdocker push $(IMG):v0.9.0\n" };
    expect(places(files, ["operator.v2", "  "])).toEqual([]);
  });

  it("spells a drifted tag as its own version when no previous version spells it", () => {
    const files = { "deploy.yaml": "image: example/op:1.1.0-preview.1\n" };
    expect(places(files, ["example/op"])).toEqual([
      "deploy.yaml:1 1.1.0-preview.1 manifest-image {version} 1.1.0-preview.1",
    ]);
  });

  it("classifies a Chart.yaml's image annotation as a manifest image", () => {
    const chart = [
      "apiVersion: v2",
      "name: spark-operator",
      "version: 1.3.0-rc.0",
      "annotations:",
      "  artifacthub.io/images: |",
      "    - name: controller",
      "      image: ghcr.io/example/spark-operator/controller:v1.1.0",
    ].join("\n");
    expect(
      places({ "charts/op/Chart.yaml": chart }, ["ghcr.io/example/spark-operator/controller"]),
    ).toEqual(["charts/op/Chart.yaml:7 v1.1.0 manifest-image {tag} 1.1.0"]);
  });
});

describe("Kustomize newTag of the operator image", () => {
  it("reads the entries naming it, by name (any registry) or newName, with a written tag", () => {
    const kustomization = [
      "images:",
      "- name: controller", // kubebuilder's placeholder, renamed to the operator's image
      "  newName: example/controller",
      "  newTag: v0.9.0",
      "- name: docker.io/example/controller",
      "  newTag: v0.9.1",
      "- name: example/other",
      "  newTag: v0.8.0",
      "- name: controller", // a placeholder left as it is: another image
      "  newTag: v0.7.0",
      "- name: example/controller",
      "  digest: sha256:0a1b2c",
      "- name: example/controller",
      "  newTag: &v0.9.3 v0.9.3",
      "- name: ghcr.io/example/controller",
      "  newTag: *v0.9.3",
      "- name: example/webhook",
      "  newName: example/controller",
    ].join("\n");
    expect(places({ "config/default/kustomization.yaml": kustomization }, IMAGES)).toEqual([
      "config/default/kustomization.yaml:4 v0.9.0 kustomize-new-tag {tag} 0.9.0",
      "config/default/kustomization.yaml:6 v0.9.1 kustomize-new-tag {tag} 0.9.1",
      "config/default/kustomization.yaml:14 v0.9.3 kustomize-new-tag {tag} 0.9.3",
    ]);
  });

  it("reads kustomization.yml at the root, and no other file's images list", () => {
    const images = "images:\n- name: example/controller\n  newTag: v0.9.0\n";
    expect(
      places(
        {
          "kustomization.yml": images,
          "deploy/kustomization.yaml.tmpl": images,
          "deploy/images.yaml": images,
        },
        IMAGES,
      ),
    ).toEqual(["kustomization.yml:3 v0.9.0 kustomize-new-tag {tag} 0.9.0"]);
  });

  it("still searches an unreadable kustomization line by line", () => {
    const kustomization = "images: [\n- name: example/controller\n  newTag: v1.2.0-rc.0\n";
    expect(
      places({ "kustomization.yaml": kustomization }, IMAGES, { previous: ["1.2.0-rc.0"] }),
    ).toEqual(["kustomization.yaml:3 v1.2.0-rc.0 kustomize-new-tag {tag} 1.2.0-rc.0"]);
  });

  it("classifies the newTag line itself, whatever follows it", () => {
    const kustomization =
      "images:\n- name: example/controller\n  newTag: v0.9.0\nresources:\n- a.yaml\n";
    expect(places({ "kustomization.yaml": kustomization }, IMAGES)).toEqual([
      "kustomization.yaml:3 v0.9.0 kustomize-new-tag {tag} 0.9.0",
    ]);
  });
});

const IMAGES = ["example/controller"];

describe("a values file's tag beside the operator image's repository", () => {
  it("reads the tag of the repository's own mapping, above or below it", () => {
    const files = {
      // At the top level, the tag on the file's first line.
      "values.yaml": "tag: 0.9.1\nrepository: example/controller\n",
      // Aligned values; the tag two lines above, the mapping closing right after the repository.
      "charts/op/values-prod.yaml": [
        "controller:",
        "  image:",
        "    tag:         0.9.2",
        "    pullPolicy:  IfNotPresent",
        "    repository:  example/controller",
        "  replicas: 1",
      ].join("\n"),
      // A blank line of two spaces and a comment less indented than the mapping.
      "charts/op/values.yml": [
        "webhook:",
        "  image:",
        "    repository : example/controller",
        "  ",
        "  # the chart's appVersion when empty",
        "    tag :  '0.9.3'",
      ].join("\n"),
    };
    expect(places(files, IMAGES)).toEqual([
      "charts/op/values-prod.yaml:3 0.9.2 values-image-tag {version} 0.9.2",
      "charts/op/values.yml:6 0.9.3 values-image-tag {version} 0.9.3",
      "values.yaml:1 0.9.1 values-image-tag {version} 0.9.1",
    ]);
  });

  it("reads no commented-out repository, no tag inside a comment, and no other file", () => {
    const files = {
      "charts/op/values.yaml": [
        "sidecar:",
        "  tag: 0.9.5",
        "#  repository: example/controller",
        "  repository: example/sidecar",
        "image:",
        "  repository: example/controller",
        "  tag: 0.9.6",
        "  pullPolicy: IfNotPresent  # was tag: 0.9.0 before digests",
      ].join("\n"),
      "helmfile/values.yaml.gotmpl": "image:\n  repository: example/controller\n  tag: 0.9.7\n",
      "flux/helmrelease.yaml":
        "values:\n  image:\n    repository: example/controller\n    tag: 0.9.8\n",
    };
    expect(places(files, IMAGES)).toEqual([
      "charts/op/values.yaml:7 0.9.6 values-image-tag {version} 0.9.6",
    ]);
  });

  it("skips a tag at the release or that names no version", () => {
    const values = [
      "image:",
      "  repository: example/controller",
      "  tag: 1.3.0-rc.0",
      "canary:",
      "  repository: example/controller",
      "  tag: latest",
    ].join("\n");
    expect(places({ "charts/op/values.yaml": values }, IMAGES)).toEqual([]);
  });

  it("lists the places by file, then line, whichever way they were found", () => {
    const files = {
      "z/values.yaml": [
        "image:",
        "  repository: example/controller",
        "  tag: 0.9.1",
        "# helm install op --set image.tag=1.2.0-rc.0",
      ].join("\n"),
      "a/README.md": "helm install op --version 1.2.0-rc.0\n",
    };
    expect(places(files, IMAGES, { previous: ["1.2.0-rc.0"] })).toEqual([
      "a/README.md:1 1.2.0-rc.0 docs-install {version} 1.2.0-rc.0",
      "z/values.yaml:3 0.9.1 values-image-tag {version} 0.9.1",
      "z/values.yaml:4 1.2.0-rc.0 other {version} 1.2.0-rc.0",
    ]);
  });
});

describe("operatorImages", () => {
  it("joins a registry with a path, however many slashes end it, and reads a root chart", () => {
    const files = new Map([
      ["values.yaml", "image:\n  registry: docker.io/kubeflow\n  repository: spark-operator\n"],
      ["charts/b/values.yaml", "image:\n  registry: ghcr.io//\n  repository: x/b\n"],
    ]);
    expect(operatorImages(config(), ["Chart.yaml", "charts/b/Chart.yaml"], files)).toEqual([
      "docker.io/kubeflow/spark-operator",
      "ghcr.io/x/b",
    ]);
  });
});
