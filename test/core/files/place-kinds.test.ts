import { describe, expect, it } from "vitest";
import {
  classifyPlace,
  PLACE_KIND_NAMES,
  PLACE_KIND_SETTINGS,
} from "../../../src/core/files/place-kinds.js";

describe("classifyPlace", () => {
  it.each([
    ["charts/x/Chart.yaml", "version: 1.2.0", "chart"],
    ["charts/x/Chart.yaml", "appVersion: v1.2.0", "chart"],
    ["charts/x/Chart.yaml", '    version: "~1.2.0"', "chart-dependency"],
    ["charts/x/Chart.yaml", '  - version: "~1.2.0"', "chart-dependency"],
    ["charts/x/Chart.yaml", "    artifacthub.io/prerelease: 1.2.0", "other"],
    [
      "charts/x/README.md",
      "![Version: 1.2.0](https://img.shields.io/badge/Version-1.2.0-blue)",
      "chart-badge",
    ],
    ["config/default/kustomization.yaml", "    newTag: v1.2.0 # keep", "kustomize-new-tag"],
    ["config/Kustomization", "- newTag: v1.2.0", "kustomize-new-tag"],
    ["config/kustomization.yml", "  name: x:v1.2.0", "other"],
    ["charts/x/values.yaml", "  tag: 1.2.0", "values-image-tag"],
    ["charts/x/values-prod.yml", "  - tag: 1.2.0", "values-image-tag"],
    ["charts/x/values.yaml", "  image: x:1.2.0", "manifest-image"],
    ["api/x/__init__.py", '__version__ = "1.2.0"', "python-version"],
    ["api/x/_version.py", "__version__: str = '1.2.0'", "python-version"],
    ["api/x/other.py", 'VERSION = "1.2.0"', "other"],
    ["pyproject.toml", 'version = "1.2.0rc0"', "python-version"],
    ["setup.cfg", "version = 1.2.0", "python-version"],
    ["pyproject.toml", 'requires = ["x==1.2.0"]', "other"],
    ["setup.py", '    version="1.2.0",', "python-version"],
    ["setup.py", 'name="x-1.2.0"', "other"],
    ["internal/version/version.go", 'const Version = "1.2.0"', "go-constant"],
    ["internal/version/version.go", '\tVersion string = "1.2.0"', "go-constant"],
    ["internal/version/version.go", "var DefaultTag = `v1.2.0`", "go-constant"],
    ["internal/x.go", "// see 1.2.0", "other"],
    ["Makefile", "VERSION ?= v1.2.0", "makefile-variable"],
    ["build/common.mk", "export IMAGE_TAG := v1.2.0", "makefile-variable"],
    ["Makefile", "\tdocker build -t x:v1.2.0 .", "other"],
    ["VERSION", "v1.2.0", "version-file"],
    ["docs/install.md", "helm install x x/x --version 1.2.0", "docs-install"],
    ["docs/install.md", "kubectl apply -k github.com/x/y/config?ref=v1.2.0", "docs-install"],
    ["README.rst", "pip install x==1.2.0", "docs-install"],
    ["docs/news.md", "We released 1.2.0.", "other"],
    ["docs/news.txt", "docker pull x:1.2.0", "docs-install"],
    ["deploy/op.yaml", "        image: ghcr.io/x/y:v1.2.0", "manifest-image"],
    ["deploy/op.json", '"image": "ghcr.io/x/y:v1.2.0"', "manifest-image"],
    ["deploy/op.yaml", "  labels: {version: v1.2.0}", "other"],
    ["hack/build.sh", "TAG=v1.2.0", "other"],
  ])("%s: %s is %s", (path, line, kind) => {
    expect(classifyPlace(path, line)).toBe(kind);
  });

  it("calls an image reference in any YAML or JSON a manifest's", () => {
    expect(classifyPlace("deploy/op.yaml", "  - ghcr.io/x/y:v1.2.0", true)).toBe("manifest-image");
    expect(classifyPlace("hack/build.sh", "ghcr.io/x/y:v1.2.0", true)).toBe("other");
    expect(classifyPlace("charts/x/Chart.yaml", "    - image: ghcr.io/x/y:v1.2.0", true)).toBe(
      "manifest-image",
    );
  });

  it("names every kind and the setting that manages it", () => {
    expect(Object.keys(PLACE_KIND_NAMES)).toEqual(Object.keys(PLACE_KIND_SETTINGS));
    expect(PLACE_KIND_SETTINGS["kustomize-new-tag"]).toBe("kustomize");
    expect(PLACE_KIND_NAMES["python-version"]).toBe("Python package version");
  });
});
