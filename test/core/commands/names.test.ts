/**
 * `isForeignCommand`: the names other bots own in Kubernetes-style repositories, which
 * release-bot never answers. Most of them are too far from release-bot's names for a
 * "did you mean" anyway; the list keeps them silent whatever the suggestion rules become.
 */
import { describe, expect, it } from "vitest";
import { isForeignCommand } from "../../../src/core/commands/names.js";
import { parseCommands } from "../../../src/core/commands/parse.js";

/** The commands Prow's plugins answer to (prow.k8s.io/command-help), by plugin. */
const PROW = {
  "review and merge": ["lgtm", "approve", "hold", "unhold", "override", "skip"],
  CI: ["retest", "retest-required", "test", "ok-to-test"],
  people: ["assign", "unassign", "cc", "uncc", "auto-cc"],
  labels: [
    "kind",
    "area",
    "priority",
    "sig",
    "wg",
    "committee",
    "triage",
    "lifecycle",
    "label",
    "stage",
    "good-first-issue",
    "release-note",
    "release-note-none",
    "release-note-edit",
  ],
  "issues and pull requests": [
    "close",
    "reopen",
    "milestone",
    "project",
    "retitle",
    "transfer",
    "transfer-issue",
    "verify-owners",
    "lint",
    "bugzilla",
    "jira",
  ],
  fun: [
    "joke",
    "meow",
    "meowvie",
    "woof",
    "bark",
    "honk",
    "pony",
    "shrug",
    "unshrug",
    "this-is-fine",
    "this-is-not-fine",
    "this-is-unbearable",
  ],
};

/** CLA and DCO bots, Google Cloud Build, Azure Pipelines, Gemini review, rebase bots. */
const OTHER_BOTS = ["easycla", "check-cla", "check-dco", "gemini", "gcbrun", "azp", "rebase"];

describe("isForeignCommand", () => {
  it.each(Object.entries(PROW))("knows Prow's %s commands", (_, names) => {
    expect(names.filter((name) => !isForeignCommand(name))).toEqual([]);
  });

  it("knows the commands of CLA, DCO, CI and review bots", () => {
    expect(OTHER_BOTS.filter((name) => !isForeignCommand(name))).toEqual([]);
  });

  it("takes any /remove-… for Prow's, and only as a prefix", () => {
    expect(isForeignCommand("remove-kind")).toBe(true);
    expect(isForeignCommand("remove-anything")).toBe(true);
    expect(isForeignCommand("not-remove-")).toBe(false);
  });

  it("claims none of release-bot's names nor a near miss of them", () => {
    for (const name of ["branch", "rc", "release", "cherry-pick", "cherrypick", "help", "status"]) {
      expect(isForeignCommand(name)).toBe(false);
    }
    expect(isForeignCommand("relase")).toBe(false);
  });

  it("leaves /rebase unanswered though it is two edits from /release", () => {
    expect(parseCommands("/rebase")).toEqual([]);
    expect(parseCommands("/relaese 1.5")).toEqual([
      { name: "unknown", command: "relaese", suggestion: "release" },
    ]);
  });
});
