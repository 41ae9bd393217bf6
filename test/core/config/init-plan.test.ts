import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config.js";
import { planConfiguration } from "../../../src/core/config/init-plan.js";
import { chart, view } from "./repository.js";

describe("planConfiguration", () => {
  it("manages the charts, VERSION and every other place, each with why", () => {
    const plan = planConfiguration(
      view({
        VERSION: "v1.2.0-rc.0\n",
        "charts/op/Chart.yaml": chart("1.2.0-rc.0", "1.2.0-rc.0"),
        "charts/op/values.yaml": "image:\n  repository: x/op\n  tag: ''\n",
        "config/kustomization.yaml": "images:\n- name: x/op\n  newTag: v1.2.0-rc.0\n",
        "deploy/values-prod.yaml": "op:\n  version: 1.2.0-rc.0\n",
        "deploy/list.yaml": "- tag: 1.2.0-rc.0\n",
        "api/__init__.py": '__version__ = "1.2.0rc0"\n',
        "README.md":
          "![Version: 1.2.0-rc.0](https://img.shields.io/badge/Version-1.2.0--rc.0-blue)\n",
        "docs/a.md": "pull x/op:v1.1.0 or say v1.2.0-rc.0 twice v1.2.0-rc.0\n",
      }),
      parseConfig,
    );
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.raw).toEqual({
      charts: { paths: ["charts/**/Chart.yaml"], version: "{image}", appVersion: "{image}" },
      versionFile: { path: "VERSION", format: "{tag}" },
      files: [
        { path: "README.md", pattern: expect.any(String), format: "{version}" },
        {
          path: "api/__init__.py",
          pattern: '^__version__ = "(\\d+\\.\\d+\\.\\d+(?:(?:a|b|rc)\\d+|\\.dev\\d+)?)',
          format: "{pep440}",
        },
        {
          path: "deploy/list.yaml",
          pattern: "^- tag: (\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)",
          format: "{version}",
        },
        {
          path: "docs/a.md",
          pattern:
            "^pull x/op:v1\\.1\\.0 or say (v\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)",
          format: "{tag}",
        },
      ],
      kustomize: [{ path: "config/kustomization.yaml", image: "x/op", format: "{tag}" }],
      values: [{ path: "deploy/values-prod.yaml", key: "op.version", format: "{version}" }],
    });
    expect(plan.notes.map((n) => `${n.key} ${n.why}`)).toEqual([
      "charts charts/op/Chart.yaml: version `1.2.0-rc.0`, appVersion `1.2.0-rc.0`",
      "versionFile VERSION: `v1.2.0-rc.0`",
      "files[0] README.md:1: helm-docs badge `1.2.0-rc.0`",
      "files[1] api/__init__.py:1: Python package version `1.2.0rc0`",
      "kustomize[0] config/kustomization.yaml:3: newTag `v1.2.0-rc.0` of x/op",
      "files[2] deploy/list.yaml:1: other `1.2.0-rc.0`",
      "values[0] deploy/values-prod.yaml:2: `op.version` is other `1.2.0-rc.0`",
      "files[3] docs/a.md:1: other `v1.2.0-rc.0`",
    ]);
    // The badge's URL and a second version on one line are for a person.
    expect(plan.leftAlone).toEqual([
      "README.md:1: `1.2.0--rc.0` is still there after the entry made for this line (a second version on one line); set it by hand",
      "docs/a.md:1: `v1.2.0-rc.0` is still there after the entry made for this line (a second version on one line); set it by hand",
    ]);
  });

  it("spells KServe's and Kueue's formats, and keeps a VERSION of something else", () => {
    const kserve = planConfiguration(
      view({ "charts/a/Chart.yaml": chart("v0.2.0", "v0.2.0"), VERSION: "7\n" }, ["v0.2.0"]),
      parseConfig,
    );
    expect(kserve.ok && kserve.raw).toEqual({
      image: { tag: "{tag}" },
      charts: { paths: ["charts/**/Chart.yaml"], version: "{image}", appVersion: "{image}" },
      versionFile: false,
    });
    const kueue = planConfiguration(
      view({
        "deploy/chart/Chart.yaml": chart("0.3.1", '"v0.3.1"'),
        "charts/x/Chart.yaml": chart("9.9.9"),
      }),
      parseConfig,
    );
    expect(kueue.ok && kueue.raw).toEqual({
      image: { tag: "{tag}" },
      charts: { paths: ["deploy/chart/Chart.yaml"], version: "{version}", appVersion: "{image}" },
    });
    const plain = planConfiguration(view({ VERSION: "0.3.1\n" }, ["0.3.1"]), parseConfig);
    expect(plain.ok && plain.raw).toEqual({
      tags: { format: "{version}" },
      charts: { paths: [], version: false, appVersion: false },
      versionFile: { path: "VERSION", format: "{version}" },
    });
  });

  it("leaves alone a spelling no format writes, and says why", () => {
    const plan = planConfiguration(
      view({ VERSION: "v1.0.0-rc.0\n", "docs/x.md": "see the 1.0.0--rc.0 badge\n" }),
      parseConfig,
    );
    expect(plan.ok && plan.leftAlone).toEqual([
      "docs/x.md:1: other `1.0.0--rc.0` is spelled in no format the bot writes (a badge of an unmanaged chart, say)",
    ]);
  });

  it("fails without a release version, or when its own configuration cannot release", () => {
    expect(planConfiguration(view({ "README.md": "hi" }), parseConfig)).toEqual({
      ok: false,
      error:
        "found no release version: no Chart.yaml `version`/`appVersion`, root VERSION file or tag is a SemVer version",
    });
    // A key the edit refuses (twice in its mapping) is matched by a pattern instead.
    const duplicate = planConfiguration(
      view({ VERSION: "v1.0.0\n", "x.yaml": "a: 1.0.0\na: 1.0.0\n" }),
      parseConfig,
    );
    expect(duplicate.ok && duplicate.raw.files).toEqual([
      { path: "x.yaml", pattern: expect.stringMatching(/^\^a: \(/), format: "{version}" },
    ]);
    const invalid = planConfiguration(view({ VERSION: "v1.0.0\n" }), () => ({
      ok: false,
      error: "no",
    }));
    expect(invalid).toEqual({ ok: false, error: "no" });
  });

  it("manages the operator's image where it had drifted to the previous line's candidate", () => {
    // The image is the chart's (its values.yaml); the release is 1.2.0, the docs pin 1.1.0-rc.0.
    const plan = planConfiguration(
      view(
        {
          "charts/op/Chart.yaml": chart("1.2.0", "v1.2.0"),
          "charts/op/values.yaml": 'image:\n  repository: ghcr.io/x/op\n  tag: ""\n',
          "docs/install.md": "kubectl set image deploy/op op=ghcr.io/x/op:v1.1.0-rc.0\n",
        },
        ["v1.2.0"],
      ),
      parseConfig,
    );
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.raw.files).toEqual([
      {
        path: "docs/install.md",
        pattern:
          "^kubectl set image deploy/op op=ghcr\\.io/x/op:(v\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?)",
        format: "{image}",
      },
    ]);
    expect(plan.notes.at(-1)).toEqual({
      key: "files[0]",
      why: "docs/install.md:1: other `v1.1.0-rc.0`, drifted from the release",
    });
  });

  it("takes the operator's image from the charts' values only", () => {
    // A values.yaml beside VERSION names another image: its references are not the operator's.
    const plan = planConfiguration(
      view({
        VERSION: "1.0.0\n",
        "values.yaml": "image:\n  repository: x/db\n  tag: 5.0.1\n",
        "README.md": "docker pull x/db:5.0.1\n",
      }),
      parseConfig,
    );
    expect(plan.ok && plan.raw).toEqual({
      tags: { format: "{version}" },
      charts: { paths: [], version: false, appVersion: false },
      versionFile: { path: "VERSION", format: "{version}" },
    });
    expect(plan.ok && plan.leftAlone).toEqual([]);
  });

  it("fails with the bump's reason when the configuration it derives cannot release", () => {
    // Released only by its tag: no file the configuration manages carries the version.
    expect(
      planConfiguration(view({ "README.md": "install 1.0.0\n" }, ["v1.0.0"]), parseConfig),
    ).toEqual({
      ok: false,
      error:
        'no file carries the version: `charts.paths` [] matches no Chart.yaml, `versionFile.path` "VERSION" does not exist, and `values` and `files` name nothing (the repository has no Chart.yaml)',
    });
    // One chart's appVersion format, set on charts without the key: said, not written.
    expect(
      planConfiguration(
        view({
          "charts/op/Chart.yaml": chart("1.0.0", "1.0.0"),
          "charts/crds/Chart.yaml": chart("1.0.0"),
          "charts/webhook/Chart.yaml": chart("1.0.0"),
        }),
        parseConfig,
      ),
    ).toEqual({
      ok: false,
      error:
        "charts/crds/Chart.yaml has no `appVersion` key; set `charts.appVersion: false` in .github/release-bot.yml to leave it out; charts/webhook/Chart.yaml has no `appVersion` key; set `charts.appVersion: false` in .github/release-bot.yml to leave it out",
    });
  });
});
