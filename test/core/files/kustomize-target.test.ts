import { describe, expect, it } from "vitest";
import { type Config, parseConfig, type RawConfig } from "../../../src/config.js";
import { readFields } from "../../../src/core/checks/version-consistency.js";
import { applyVersion } from "../../../src/core/files/apply.js";
import { selectVersionFiles } from "../../../src/core/files/targets.js";
import { versionStrings } from "../../../src/core/version/spellings.js";

function config(raw: RawConfig): Config {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

const IMAGE = "ghcr.io/kubeflow/spark-operator/controller";
const KUSTOMIZATION = `# Image configuration - tag is derived from the VERSION file at the repo root.
images:
  - name: ${IMAGE}
    newTag: v2.5.0-rc.0
`;
const INIT = '# Copyright\n\n__version__ = "2.5.0rc0"\n';

const SPARK: RawConfig = {
  kustomize: [{ path: "config/default/kustomization.yaml", image: IMAGE, format: "{tag}" }],
  files: [{ path: "api/__init__.py", pattern: '^__version__ = "([^"]+)"', format: "{pep440}" }],
};

const files = new Map([
  ["VERSION", "v2.5.0-rc.0\n"],
  ["config/default/kustomization.yaml", KUSTOMIZATION],
  ["config/overlay/kustomization.yaml", KUSTOMIZATION],
  ["api/__init__.py", INIT],
]);

describe("kustomize targets", () => {
  it("selects each match of the entry's path with its image and format", () => {
    const cfg = config({
      kustomize: [{ path: "config/*/kustomization.yaml", image: IMAGE }],
    });
    expect(selectVersionFiles(cfg, [...files.keys()]).targets).toEqual([
      { path: "VERSION", kind: "version-file", setting: "versionFile.path", format: "{tag}" },
      ...["default", "overlay"].map((dir) => ({
        path: `config/${dir}/kustomization.yaml`,
        kind: "kustomize",
        setting: "kustomize[0]",
        image: IMAGE,
        format: "{image}",
      })),
    ]);
  });

  it("names the entry whose path matches no file", () => {
    const cfg = config({ kustomize: [{ path: "deploy/kustomization.yaml", image: IMAGE }] });
    expect(selectVersionFiles(cfg, [...files.keys()]).errors).toEqual([
      'kustomize[0].path "deploy/kustomization.yaml" matches no file',
    ]);
  });

  it("sets the newTag and a PEP 440 __version__ in one release", () => {
    const cfg = config(SPARK);
    const { targets } = selectVersionFiles(cfg, [...files.keys()]);
    const result = applyVersion(cfg, targets, files, versionStrings(cfg, "2.6.0-rc.0"));
    expect(result.ok && result.changes.map((c) => [c.path, c.content])).toEqual([
      ["VERSION", "v2.6.0-rc.0\n"],
      ["api/__init__.py", INIT.replace("2.5.0rc0", "2.6.0rc0")],
      ["config/default/kustomization.yaml", KUSTOMIZATION.replace("v2.5.0-rc.0", "v2.6.0-rc.0")],
    ]);
  });

  it("refuses an image the file does not list, naming the setting", () => {
    const cfg = config({
      kustomize: [{ path: "config/default/kustomization.yaml", image: "x/y" }],
    });
    const { targets } = selectVersionFiles(cfg, [...files.keys()]);
    expect(applyVersion(cfg, targets, files, versionStrings(cfg, "2.6.0-rc.0"))).toEqual({
      ok: false,
      errors: [
        `config/default/kustomization.yaml: its \`images\` list has no entry named \`x/y\` (it lists \`${IMAGE}\`) (\`kustomize[0]\` in .github/release-bot.yml)`,
      ],
    });
  });

  it("reads the fields back for the check and the rehearsal, in their formats", () => {
    const cfg = config(SPARK);
    const { targets } = selectVersionFiles(cfg, [...files.keys()]);
    const fields = targets.flatMap((t) => readFields(cfg, t, files.get(t.path) ?? ""));
    expect(fields).toEqual([
      { path: "VERSION", field: "content", value: "v2.5.0-rc.0", version: "2.5.0-rc.0" },
      {
        path: "api/__init__.py",
        field: '/^__version__ = "([^"]+)"/',
        value: "2.5.0rc0",
        version: "2.5.0-rc.0",
      },
      {
        path: "config/default/kustomization.yaml",
        field: `images[${IMAGE}].newTag`,
        value: "v2.5.0-rc.0",
        version: "2.5.0-rc.0",
      },
    ]);
  });
});
