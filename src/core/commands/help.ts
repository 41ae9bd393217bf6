import type { Config } from "../../config.js";
import { requestLabel } from "../pick/targets.js";

/** How a user asks for this list: `/help`, or `/release-bot help` where `/help` is Prow's. */
export function helpCommand(config: Pick<Config, "commands">): string {
  return config.commands.prow ? "/release-bot help" : "/help";
}

/** The `/help` reply: every command, spelled with this repository's configuration. */
export function helpText(config: Config): string {
  const example = config.branches.pattern.replace("{major}", "1").replace("{minor}", "5");
  const rc = config.tags.format.replace("{version}", "1.5.0-rc.1");
  const final = config.tags.format.replace("{version}", "1.5.0");
  const label = requestLabel(example, config);
  const landing =
    config.release.mode === "pull-request"
      ? "Version bumps land through a `Release …` pull request; the tag follows its merge."
      : "Version bumps are committed directly on the release branch, then tagged.";
  return [
    `**release-bot commands** (commands that write need ${whoMayWrite(config)}):`,
    "",
    "| command | what it does |",
    "|---|---|",
    `| \`/branch 1.5 [from <ref>] [--force]\` | create \`${example}\` from the default branch (or \`<ref>\`) and cut its first candidate; \`--force\` opens a line other than the next one |`,
    `| \`/rc 1.5\` | cut the next candidate on \`${example}\`, e.g. \`${rc}\` |`,
    `| \`/release 1.5 [--force]\` | cut the final, e.g. \`${final}\`, from the newest candidate; \`--force\` releases commits no candidate tested |`,
    `| \`/cherry-pick ${example} [...]\` | on a pull request: pick it onto the branches (now if merged, at merge otherwise); label \`${label}\` does the same${pickApproval(config)} |`,
    "| `--dry-run` after `/branch`, `/rc`, `/release` or `/cherry-pick` | reply with the plan (version, tag, each file's old → new value, the range of the notes, the commits to pick) and write nothing |",
    `| \`/status [1.5]\` | the line's tags, untested commits, picks, open pull requests and next command; without a line, every release line |`,
    `| \`${helpCommand(config)}\` | this list |`,
    "",
    `${landing} Configuration: \`.github/release-bot.yml\`${config.dryRun ? " (dry run: nothing is written)" : ""}.`,
  ].join("\n");
}

/** Who may run the commands that write, as `commands.permission` says. */
function whoMayWrite(config: Config): string {
  const file = `\`${config.commands.ownersFile}\``;
  switch (config.commands.permission) {
    case "owners":
      return `an approver in ${file}`;
    case "owners-or-maintain":
      return `an approver in ${file} or the \`maintain\` role or higher`;
    default:
      return `the \`${config.commands.permission}\` role or higher`;
  }
}

/** With `cherryPick.approval: owners`, anyone may ask for a pick, and it waits for an approver. */
function pickApproval(config: Config): string {
  if (config.cherryPick.approval !== "owners") return "";
  const label = config.checks.approvalLabels[0];
  const adds = label === undefined ? "" : `adds \`${label}\` or `;
  return `; anyone may ask, and a pick asked for by someone who is not an approver in \`${config.commands.ownersFile}\` waits until an approver ${adds}repeats the command`;
}
