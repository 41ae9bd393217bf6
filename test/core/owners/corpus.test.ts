/**
 * The root approvers of real OWNERS files (../shared/fixtures/owners, verbatim from Kubeflow and
 * Kubernetes projects) and of our own files of the same shapes (test/fixtures/owners), decided
 * as Prow's `repoowners` does. The expected lists are written out from the files.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isApprover, resolveOwners, standingOf } from "../../../src/core/owners/approvers.js";

const SHARED = fileURLToPath(new URL("../../../../shared/fixtures/owners/", import.meta.url));
const LOCAL = fileURLToPath(new URL("../../fixtures/owners/", import.meta.url));
const sharedExists = existsSync(SHARED);

function readOwners(root: string, project: string) {
  const read = (name: string) => {
    const path = join(root, project, name);
    return existsSync(path) ? readFileSync(path, "utf8") : null;
  };
  const result = resolveOwners("OWNERS", {
    owners: read("OWNERS"),
    aliases: read("OWNERS_ALIASES"),
  });
  if (!result.ok) throw new Error(`${project}: ${result.problem}`);
  return result.owners;
}

describe("the real OWNERS files", () => {
  it.runIf(!sharedExists)("are absent: ../shared/fixtures/owners is not beside this clone", () => {
    expect(sharedExists).toBe(false);
  });

  describe.runIf(sharedExists)("as Prow reads them", () => {
    it("Spark Operator: the top-level approvers, reviewers grant nothing", () => {
      const owners = readOwners(SHARED, "spark-operator");
      expect(owners.approvers).toEqual([
        "andreyvelich",
        "ChenYi015",
        "jacobsalway",
        "mwielgus",
        "nabuskey",
        "vara-bonthu",
        "yuchaoran2011",
      ]);
      expect(owners.reviewers).toEqual(["ImpSy", "roburishabh", "tariq-hasan"]);
      expect(standingOf(owners, "chenyi015")).toEqual({ kind: "approver" });
      expect(standingOf(owners, "ImpSy")).toEqual({ kind: "reviewer" });
    });

    it("KServe: `project-leads` is not a section Prow reads", () => {
      const owners = readOwners(SHARED, "kserve");
      expect(owners.approvers).toEqual([
        "bartoszmajsak",
        "cjohannsen-cloudera",
        "Jooho",
        "lizzzcai",
        "pierDipi",
        "sivanantha321",
        "spolti",
      ]);
      expect(standingOf(owners, "terrytangyuan")).toEqual({ kind: "none" });
      expect(standingOf(owners, "yuzisun")).toEqual({ kind: "none" });
      // Listed as both: approving wins.
      expect(standingOf(owners, "jooho")).toEqual({ kind: "approver" });
      expect(standingOf(owners, "Datta0")).toEqual({ kind: "reviewer" });
    });

    it("Trainer: emeritus approvers have no rights", () => {
      const owners = readOwners(SHARED, "trainer");
      expect(owners.approvers).toEqual([
        "andreyvelich",
        "astefanutti",
        "Electronic-Waste",
        "gaocegege",
        "Jeffwan",
        "johnugeorge",
        "tenzen-y",
        "terrytangyuan",
      ]);
      expect(owners.emeritusApprovers).toEqual(["zw0610"]);
      expect(isApprover(owners, "zw0610")).toBe(false);
      expect(standingOf(owners, "zw0610")).toEqual({ kind: "emeritus" });
    });

    it("Kueue: the `.*` filter's alias is the root's approvers; other filters approve files only", () => {
      const owners = readOwners(SHARED, "kueue");
      expect(owners.approvers).toEqual(["mimowo", "sohankunkerkar", "tenzen-y"]);
      expect(owners.reviewers).toEqual([
        "mbobrovskyi",
        "mimowo",
        "pbundyra",
        "tenzen-y",
        "kannon92",
        "pajakd",
        "olekzabl",
        "kshalot",
        "sohankunkerkar",
        "amy",
      ]);
      expect(owners.emeritusApprovers).toEqual([
        "ahg-g",
        "alculquicondor",
        "denkensk",
        "gabesaba",
        "kerthcet",
      ]);
      // mbobrovskyi approves dependencies, tests, the site and releases' files; not the repository.
      expect(standingOf(owners, "mbobrovskyi")).toEqual({
        kind: "file-approver",
        pattern: "go\\.(mod|sum)$",
      });
      expect(standingOf(owners, "Singularity23x0")).toEqual({
        kind: "file-approver",
        pattern: "package(-lock)?\\.json$",
      });
      expect(standingOf(owners, "pajakd")).toEqual({ kind: "reviewer" });
      expect(standingOf(owners, "alculquicondor")).toEqual({ kind: "emeritus" });
      // An alias's name is not a login.
      expect(isApprover(owners, "kueue-approvers")).toBe(false);
    });

    it("Katib: a former approver listed as emeritus is not an approver", () => {
      const owners = readOwners(SHARED, "katib");
      expect(owners.approvers).toEqual([
        "andreyvelich",
        "Electronic-Waste",
        "gaocegege",
        "johnugeorge",
      ]);
      expect(owners.reviewers).toEqual(["anencore94", "c-bata"]);
      expect(standingOf(owners, "tenzen-y")).toEqual({ kind: "emeritus" });
      expect(standingOf(owners, "ELECTRONIC-WASTE")).toEqual({ kind: "approver" });
    });
  });
});

describe("our OWNERS files of the same shapes", () => {
  it("simple: top-level lists, logins compared case-insensitively", () => {
    const owners = readOwners(LOCAL, "simple");
    expect(owners.approvers).toEqual(["alice", "BobSmith", "carol-x"]);
    expect(isApprover(owners, "bobsmith")).toBe(true);
    expect(isApprover(owners, "@Alice")).toBe(true);
    expect(standingOf(owners, "erin99")).toEqual({ kind: "reviewer" });
    expect(standingOf(owners, "zed")).toEqual({ kind: "none" });
  });

  it("extra-section: a section Prow does not read grants nothing", () => {
    const owners = readOwners(LOCAL, "extra-section");
    expect(owners.approvers).toEqual(["alice", "Bob"]);
    expect(standingOf(owners, "lead-one")).toEqual({ kind: "none" });
    expect(standingOf(owners, "bob")).toEqual({ kind: "approver" });
    expect(standingOf(owners, "frank")).toEqual({ kind: "reviewer" });
  });

  it("emeritus: listed, and no rights", () => {
    const owners = readOwners(LOCAL, "emeritus");
    expect(owners.approvers).toEqual(["alice", "bob"]);
    expect(standingOf(owners, "old-timer")).toEqual({ kind: "emeritus" });
  });

  it("filters: the catch-all's aliases expanded, per-file approvers named with their filter", () => {
    const owners = readOwners(LOCAL, "filters");
    expect(owners.approvers).toEqual(["Alice", "bob"]);
    expect(owners.reviewers).toEqual(["bob", "carol"]);
    expect(owners.emeritusApprovers).toEqual(["retired-one"]);
    expect(owners.fileApprovers).toEqual([
      { login: "carol", pattern: "go\\.(mod|sum)$" },
      { login: "Dana", pattern: "Chart\\.yaml$" },
    ]);
    expect(standingOf(owners, "dana")).toEqual({ kind: "file-approver", pattern: "Chart\\.yaml$" });
    expect(standingOf(owners, "alice")).toEqual({ kind: "approver" });
  });

  it("both: the top-level lists win and the filters are ignored, as in Prow", () => {
    const owners = readOwners(LOCAL, "both");
    expect(owners.approvers).toEqual(["alice"]);
    expect(standingOf(owners, "mallory")).toEqual({ kind: "none" });
  });
});
