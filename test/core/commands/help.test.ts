import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config.js";
import { helpText } from "../../../src/core/commands/help.js";

describe("helpText", () => {
  it("lists every command with the default configuration's names", () => {
    expect(helpText(configSchema.parse({}))).toBe(
      [
        "**release-bot commands** (commands that write need the `write` role or higher):",
        "",
        "| command | what it does |",
        "|---|---|",
        "| `/branch 1.5 [from <ref>] [--force]` | create `release-1.5` from the default branch (or `<ref>`) and cut its first candidate; `--force` opens a line other than the next one |",
        "| `/rc 1.5` | cut the next candidate on `release-1.5`, e.g. `v1.5.0-rc.1` |",
        "| `/release 1.5 [--force]` | cut the final, e.g. `v1.5.0`, from the newest candidate; `--force` releases commits no candidate tested |",
        "| `/publish 1.5.0` | publish the draft GitHub release of `v1.5.0` once its assets are attached (with `release.publish: draft`, releases start as drafts) |",
        "| `/cherry-pick release-1.5 [...]` | on a pull request: pick it onto the branches (now if merged, at merge otherwise); label `cherry-pick/release-1.5` does the same |",
        "| `--dry-run` after `/branch`, `/rc`, `/release`, `/publish` or `/cherry-pick` | reply with the plan (version, tag, each file's old → new value, the range of the notes, the commits to pick) and write nothing |",
        "| `/status [1.5]` | the line's tags, untested commits, picks, open pull requests and next command; without a line, every release line |",
        "| `/help` | this list |",
        "",
        "Version bumps are committed directly on the release branch, then tagged. Configuration: `.github/release-bot.yml`.",
      ].join("\n"),
    );
  });

  it("says releases start as drafts, and which workflow publishes them", () => {
    const manual = helpText(configSchema.parse({ release: { publish: "draft" } }));
    expect(manual.split("\n").at(-1)).toBe(
      "Version bumps are committed directly on the release branch, then tagged. GitHub releases start as drafts, published by `/publish`. Configuration: `.github/release-bot.yml`.",
    );
    const after = helpText(
      configSchema.parse({ release: { publish: "draft", publishAfter: "release.yaml" } }),
    );
    expect(after).toContain(
      "GitHub releases start as drafts, published by `/publish` or when a run of `release.yaml` on the tag's commit succeeds.",
    );
  });

  it("spells branches, tags, labels, the role and the landing as this repository configures them", () => {
    const text = helpText(
      configSchema.parse({
        branches: { pattern: "release/v{major}.{minor}.x" },
        tags: { format: "chart-{version}" },
        cherryPick: { labelPrefixes: ["backport/"] },
        commands: { permission: "maintain" },
        release: { mode: "pull-request" },
        dryRun: true,
      }),
    );
    expect(text).toContain("commands that write need the `maintain` role or higher");
    expect(text).toContain("| create `release/v1.5.x` from the default branch");
    expect(text).toContain("cut the next candidate on `release/v1.5.x`, e.g. `chart-1.5.0-rc.1` |");
    expect(text).toContain("cut the final, e.g. `chart-1.5.0`, from the newest candidate");
    expect(text).toContain("label `backport/release/v1.5.x` does the same |");
    expect(text.split("\n").at(-1)).toBe(
      "Version bumps land through a `Release …` pull request; the tag follows its merge. Configuration: `.github/release-bot.yml` (dry run: nothing is written).",
    );
  });
});
