import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";

function errorOf(raw: unknown): string {
  const result = parseConfig(raw);
  if (result.ok) throw new Error("expected an invalid configuration");
  return result.error;
}

describe("configuration of version places", () => {
  it("manages no Kustomize file, ignores nothing and requires nothing by default", () => {
    const result = parseConfig({});
    expect(result.ok && result.config.kustomize).toEqual([]);
    expect(result.ok && result.config.versionPlaces).toEqual({ ignore: [], require: false });
    expect(result.ok && result.config.image).toEqual({ tag: "{version}" });
  });

  it("takes Kustomize entries with the image tag as default format, and an image name", () => {
    const result = parseConfig({
      image: { name: "ghcr.io/kubeflow/spark-operator/controller" },
      kustomize: [
        { path: "config/default/kustomization.yaml", image: "ghcr.io/x/y", format: "{tag}" },
        { path: "config/*/kustomization.yaml", image: "ghcr.io/x/z" },
      ],
      files: [{ path: "api/__init__.py", pattern: '__version__ = "([^"]+)"', format: "{pep440}" }],
      versionPlaces: { ignore: ["docs/**"], require: true },
    });
    expect(result.ok && result.config.kustomize).toEqual([
      { path: "config/default/kustomization.yaml", image: "ghcr.io/x/y", format: "{tag}" },
      { path: "config/*/kustomization.yaml", image: "ghcr.io/x/z", format: "{image}" },
    ]);
    expect(result.ok && result.config.image.name).toBe(
      "ghcr.io/kubeflow/spark-operator/controller",
    );
    expect(result.ok && result.config.files[0]?.format).toBe("{pep440}");
    expect(result.ok && result.config.versionPlaces).toEqual({
      ignore: ["docs/**"],
      require: true,
    });
  });

  it("names the key of a Kustomize entry without an image, or with a format of no placeholder", () => {
    expect(errorOf({ kustomize: [{ path: "k.yaml" }] })).toContain("`kustomize[0].image`");
    expect(errorOf({ kustomize: [{ path: "k.yaml", image: "x", format: "v1" }] })).toContain(
      "`kustomize[0].format` must contain one of {version}, {tag}, {image}, {pep440}",
    );
    expect(errorOf({ kustomize: [{ path: "", image: "x" }] })).toContain("`kustomize[0].path`");
    expect(errorOf({ kustomize: [{ path: "k", image: "x", tag: "y" }] })).toContain("tag");
  });

  it("refuses unknown keys and wrong types under versionPlaces", () => {
    expect(errorOf({ versionPlaces: { ignored: [] } })).toContain("versionPlaces.ignored");
    expect(errorOf({ versionPlaces: { require: "yes" } })).toContain("`versionPlaces.require`");
    expect(errorOf({ versionPlaces: { ignore: [""] } })).toContain("`versionPlaces.ignore[0]`");
  });

  it("keeps {pep440} out of the tag and image formats", () => {
    expect(errorOf({ tags: { format: "{version}-{pep440}" } })).toContain("`tags.format`");
    expect(errorOf({ image: { tag: "{pep440}" } })).toContain("`image.tag`");
    expect(errorOf({ image: { tag: "{version}{pep440}" } })).toContain("`image.tag`");
    expect(errorOf({ image: { name: "" } })).toContain("`image.name`");
  });
});
