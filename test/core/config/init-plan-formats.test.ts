/**
 * `release-bot init`'s first decisions: the formats the release is spelled in and the charts it
 * manages, from the charts, the VERSION file and the tags alone.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config.js";
import { type InitPlan, planConfiguration } from "../../../src/core/config/init-plan.js";
import { chart, view } from "./repository.js";

function planned(plan: InitPlan) {
  if (!plan.ok) throw new Error(plan.error);
  return plan;
}

describe("planConfiguration: formats", () => {
  it("follows tags without v, and keeps the v an appVersion writes", () => {
    // Tagged with a v once, without it since (the release is tagged `0.3.1-dev.0`).
    const plan = planned(
      planConfiguration(
        view({ "charts/op/Chart.yaml": chart("0.3.1-dev.0", "v0.3.1-dev.0") }, [
          "v0.2.0",
          "0.3.1-dev.0",
        ]),
        parseConfig,
      ),
    );
    expect(plan.raw).toEqual({
      tags: { format: "{version}" },
      charts: { paths: ["charts/**/Chart.yaml"], version: "{image}", appVersion: "v{version}" },
    });
  });

  it("takes each chart field's format from the first chart whose field spells the release", () => {
    // charts/a's appVersion is its own; charts/b's says the release with a v.
    const app = planned(
      planConfiguration(
        view({
          "charts/a/Chart.yaml": chart("1.0.0", "0.9.0"),
          "charts/b/Chart.yaml": chart("1.0.0", "v1.0.0"),
        }),
        parseConfig,
      ),
    );
    expect(app.raw).toEqual({
      image: { tag: "{tag}" },
      charts: { paths: ["charts/**/Chart.yaml"], version: "{version}", appVersion: "{image}" },
    });
    // charts/a's version is its own; charts/b's is the release.
    const version = planned(
      planConfiguration(
        view({
          "charts/a/Chart.yaml": chart("0.4.2", "1.0.0"),
          "charts/b/Chart.yaml": chart("1.0.0", "1.0.0"),
        }),
        parseConfig,
      ),
    );
    expect(version.raw).toEqual({
      charts: { paths: ["charts/**/Chart.yaml"], version: "{image}", appVersion: "{image}" },
    });
  });
});

describe("planConfiguration: the charts", () => {
  const op = chart("1.0.0", "1.0.0");
  const pathsOf = (files: Record<string, string>, unread: string[] = []) =>
    planned(planConfiguration(view(files, [], unread), parseConfig)).raw.charts?.paths;

  it("keeps the default glob when it picks exactly the release's charts", () => {
    expect(pathsOf({ "charts/op/Chart.yaml": op }, ["charts/op/Chart.yaml.orig"])).toEqual([
      "charts/**/Chart.yaml",
    ]);
    // A test fixture's chart outside charts/ is not one the glob reaches.
    expect(
      pathsOf({ "charts/op/Chart.yaml": op, "test/charts/fixture/Chart.yaml": chart("0.0.1") }),
    ).toEqual(["charts/**/Chart.yaml"]);
  });

  it("lists the release's charts when the glob would pick another chart or miss one", () => {
    expect(
      pathsOf({ "charts/op/Chart.yaml": op, "charts/redis/Chart.yaml": chart("7.0.0") }),
    ).toEqual(["charts/op/Chart.yaml"]);
    expect(
      pathsOf({
        "charts/op/Chart.yaml": op,
        "deploy/crds/Chart.yaml": op,
        "charts/redis/Chart.yaml": chart("7.0.0"),
      }),
    ).toEqual(["charts/op/Chart.yaml", "deploy/crds/Chart.yaml"]);
  });

  it("says which fields of each chart carry the release", () => {
    const appOnly = planned(
      planConfiguration(
        view({
          VERSION: "1.0.0\n",
          "deploy/op/Chart.yaml": "apiVersion: v2\nname: op\nappVersion: 1.0.0\n",
        }),
        parseConfig,
      ),
    );
    expect(appOnly.notes).toEqual([
      { key: "charts", why: "deploy/op/Chart.yaml: appVersion `1.0.0`" },
      { key: "versionFile", why: "VERSION: `1.0.0`" },
    ]);
    expect(appOnly.raw.charts).toEqual({
      paths: ["deploy/op/Chart.yaml"],
      version: false,
      appVersion: "{image}",
    });
    const versionOnly = planned(
      planConfiguration(view({ "charts/op/Chart.yaml": chart("1.0.0") }), parseConfig),
    );
    expect(versionOnly.notes).toEqual([
      { key: "charts", why: "charts/op/Chart.yaml: version `1.0.0`, no appVersion" },
    ]);
    expect(versionOnly.raw.charts).toEqual({
      paths: ["charts/**/Chart.yaml"],
      version: "{image}",
      appVersion: false,
    });
  });

  it("turns the VERSION file off when it holds something else, and says so", () => {
    const plan = planned(
      planConfiguration(
        view({ "charts/a/Chart.yaml": chart("v0.2.0", "v0.2.0"), VERSION: "7\n" }, ["v0.2.0"]),
        parseConfig,
      ),
    );
    expect(plan.raw.versionFile).toBe(false);
    expect(plan.notes).toContainEqual({
      key: "versionFile",
      why: "VERSION does not hold the release: left alone",
    });
  });
});
