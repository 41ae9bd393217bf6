import { describe, expect, it } from "vitest";
import { COMMAND_USAGE, FOREIGN_COMMANDS } from "../../../src/core/commands/names.js";
import { MAX_COMMANDS, parseCommands } from "../../../src/core/commands/parse.js";

describe("parseCommands: recognising a command", () => {
  it("reads a command alone in a comment", () => {
    expect(parseCommands("/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("reads a command among prose lines", () => {
    const body = "Thanks, the fix is merged.\n\n/rc 1.5\n\nLet's test it.";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("keeps the argument as the user typed it", () => {
    expect(parseCommands("/rc v1.5\n/rc release-1.5\n/rc abc")).toEqual([
      { name: "rc", target: "v1.5" },
      { name: "rc", target: "release-1.5" },
      { name: "rc", target: "abc" },
    ]);
  });

  it("reads the command name in any case", () => {
    expect(parseCommands("/RC 1.5\n/Release 1.5\n/HELP\n/Cherry-Pick release-1.5")).toEqual([
      { name: "rc", target: "1.5" },
      { name: "release", target: "1.5", force: false },
      { name: "help" },
      { name: "cherry-pick", targets: ["release-1.5"] },
    ]);
  });

  it("accepts tabs and several spaces between arguments and around the line", () => {
    expect(parseCommands("  /rc\t 1.5  \t")).toEqual([{ name: "rc", target: "1.5" }]);
    expect(parseCommands("/branch   1.5\tfrom \t v1.4.0")).toEqual([
      { name: "branch", target: "1.5", from: "v1.4.0" },
    ]);
  });

  it("accepts CRLF and CR line endings", () => {
    expect(parseCommands("Please cut one.\r\n/rc 1.5\r\n/release 1.4\r\n")).toEqual([
      { name: "rc", target: "1.5" },
      { name: "release", target: "1.4", force: false },
    ]);
    expect(parseCommands("/rc 1.5\r/rc 1.6")).toEqual([
      { name: "rc", target: "1.5" },
      { name: "rc", target: "1.6" },
    ]);
  });

  it("reads every command of a comment, in order", () => {
    const body = "/branch 1.6\n/cherry-pick release-1.5\nsome text\n/rc 1.5\n/help";
    expect(parseCommands(body)).toEqual([
      { name: "branch", target: "1.6" },
      { name: "cherry-pick", targets: ["release-1.5"] },
      { name: "rc", target: "1.5" },
      { name: "help" },
    ]);
  });

  it("reads the same command twice when written twice", () => {
    expect(parseCommands("/rc 1.5\n/rc 1.5")).toEqual([
      { name: "rc", target: "1.5" },
      { name: "rc", target: "1.5" },
    ]);
  });

  it("ignores a byte order mark at the start of the body", () => {
    expect(parseCommands("\uFEFF/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("finds nothing in an empty or command-free comment", () => {
    expect(parseCommands("")).toEqual([]);
    expect(parseCommands("LGTM, thanks!\n\nShip it.")).toEqual([]);
  });
});

describe("parseCommands: text that is not a command", () => {
  it("ignores a slash command that is not at the start of the line", () => {
    expect(parseCommands("see /rc in the docs")).toEqual([]);
    expect(parseCommands("- /rc 1.5")).toEqual([]);
    expect(parseCommands("`/rc 1.5`")).toEqual([]);
    expect(parseCommands("**/rc 1.5**")).toEqual([]);
  });

  it("ignores paths", () => {
    expect(parseCommands("/path/to/file")).toEqual([]);
    expect(parseCommands("/rc/1.5")).toEqual([]);
    expect(parseCommands("/usr/local/bin is on the PATH")).toEqual([]);
  });

  it("ignores URLs and double slashes", () => {
    expect(parseCommands("https://github.com/kubeflow/spark-operator/pull/1")).toEqual([]);
    expect(parseCommands("//rc 1.5")).toEqual([]);
  });

  it("ignores a lone slash and slashes followed by a non-letter", () => {
    expect(parseCommands("/")).toEqual([]);
    expect(parseCommands("/ rc 1.5")).toEqual([]);
    expect(parseCommands("/1.5")).toEqual([]);
    expect(parseCommands("/-rc")).toEqual([]);
  });

  it("ignores a name glued to punctuation", () => {
    expect(parseCommands("/rc: 1.5")).toEqual([]);
    expect(parseCommands("/help.")).toEqual([]);
    expect(parseCommands("/release-1.5")).toEqual([]);
  });
});

describe("parseCommands: code blocks", () => {
  it("ignores a command inside a fenced code block", () => {
    const body = "Run:\n```\n/rc 1.5\n```\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("ignores a command inside a fenced code block with a language", () => {
    const body = "```shell\n/release 1.5\n```\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("ignores a command inside a tilde fence", () => {
    const body = "~~~\n/rc 1.5\n~~~\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("ignores a command inside a fence indented by up to three spaces", () => {
    const body = "   ```\n/rc 1.5\n   ```\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("ignores a command inside a fence of a list item", () => {
    const body = "1. Run:\n   ```\n   /rc 1.5\n   ```\n- ```\n  /rc 1.7\n  ```\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("ignores a command inside a fence of a numbered list item", () => {
    expect(parseCommands("1. ```\n/rc 1.5\n```\n/rc 1.6")).toEqual([{ name: "rc", target: "1.6" }]);
    expect(parseCommands("12) ~~~\n/rc 1.5\n~~~\n/rc 1.6")).toEqual([
      { name: "rc", target: "1.6" },
    ]);
  });

  it("does not take two backticks or tildes for a fence", () => {
    expect(parseCommands("``\n/rc 1.5\n~~\n/rc 1.6")).toEqual([
      { name: "rc", target: "1.5" },
      { name: "rc", target: "1.6" },
    ]);
  });

  it("does not take a fence indented by four spaces for a fence", () => {
    expect(parseCommands("    ```\n/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("opens a tilde fence whose info string holds backticks", () => {
    expect(parseCommands("~~~ `yaml`\n/rc 1.5\n~~~\n/rc 1.6")).toEqual([
      { name: "rc", target: "1.6" },
    ]);
  });

  it("closes a fence with blanks after it", () => {
    expect(parseCommands("```\n/rc 1.5\n  ```  \t\n/rc 1.6")).toEqual([
      { name: "rc", target: "1.6" },
    ]);
  });

  it("opens a fence after a list marker and several blanks", () => {
    expect(parseCommands("-   ```\n/rc 1.5\n```\n/rc 1.6")).toEqual([
      { name: "rc", target: "1.6" },
    ]);
  });

  it("does not close a fence with a line that has text before the fence", () => {
    expect(parseCommands("```\n/rc 1.4 ```\n/rc 1.5\n```\n/rc 1.6")).toEqual([
      { name: "rc", target: "1.6" },
    ]);
  });

  it("does not open a comment on a fence's opening line", () => {
    expect(parseCommands("```<!--\n/rc 1.4\n```\n/rc 1.5")).toEqual([
      { name: "rc", target: "1.5" },
    ]);
  });

  it("drops only a byte order mark that starts the body", () => {
    expect(parseCommands("hi\n\uFEFF/rc 1.5")).toEqual([]);
  });

  it("ignores everything after an unclosed fence", () => {
    expect(parseCommands("/rc 1.4\n```\n/rc 1.5\n/release 1.5")).toEqual([
      { name: "rc", target: "1.4" },
    ]);
  });

  it("closes a fence only with the same character", () => {
    const body = "```\n~~~\n/rc 1.5\n```\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("closes a fence only with at least as many characters", () => {
    const body = "````\n```\n/rc 1.5\n````\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("does not close a fence with a line that has text after the fence", () => {
    const body = "```\n```shell\n/rc 1.5\n```\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("does not take inline code on its own line for a fence", () => {
    expect(parseCommands("```code```\n/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("ignores a command indented by four spaces", () => {
    expect(parseCommands("Example:\n\n    /rc 1.5")).toEqual([]);
    expect(parseCommands("    /rc 1.5")).toEqual([]);
  });

  it("ignores a command indented by a tab", () => {
    expect(parseCommands("\t/rc 1.5")).toEqual([]);
    expect(parseCommands("  \t/rc 1.5")).toEqual([]);
  });

  it("reads a command indented by up to three spaces", () => {
    expect(parseCommands("   /rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });
});

describe("parseCommands: quotes and comments", () => {
  it("ignores a command in a quoted reply", () => {
    const body = "> /rc 1.5\n\nDone, see the tag.";
    expect(parseCommands(body)).toEqual([]);
  });

  it("ignores a command in a quote without a space or nested quotes", () => {
    expect(parseCommands(">/rc 1.5\n>> /release 1.5\n> > /rc 1.6\n  > /rc 1.7")).toEqual([]);
  });

  it("ends a fence or comment opened inside a quote with the quote", () => {
    expect(parseCommands("> ```\n> /rc 1.4\n/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
    expect(parseCommands("> <!--\n/rc 1.5\n-->")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("reads a command after a quote", () => {
    const body = "> can you cut 1.5?\n\n/rc 1.5";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("ignores a command inside an HTML comment", () => {
    expect(parseCommands("<!-- /rc 1.5 -->")).toEqual([]);
  });

  it("ignores commands inside a multi-line HTML comment", () => {
    const body = "<!--\nTemplate:\n/rc 1.5\n/release 1.5\n-->\n/rc 1.6";
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.6" }]);
  });

  it("ignores everything after an unclosed HTML comment", () => {
    expect(parseCommands("/rc 1.4\n<!-- draft\n/rc 1.5")).toEqual([{ name: "rc", target: "1.4" }]);
  });

  it("drops an HTML comment at the end of a command line", () => {
    expect(parseCommands("/rc 1.5 <!-- after the fix -->")).toEqual([
      { name: "rc", target: "1.5" },
    ]);
  });

  it("reads a command that follows a closed comment on its line", () => {
    expect(parseCommands("<!-- note --> /rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
    expect(parseCommands("<!--\nnote\n-->/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("treats <!--> as a complete empty comment", () => {
    expect(parseCommands("<!-->\n/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("does not open a comment inside a code block", () => {
    expect(parseCommands("```\n<!--\n```\n/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("does not open a fence inside a comment", () => {
    expect(parseCommands("<!--\n```\n-->\n/rc 1.5")).toEqual([{ name: "rc", target: "1.5" }]);
  });

  it("ignores commands of a pull request template's comments", () => {
    const body = [
      "<!-- Thanks for sending a pull request! -->",
      "## Purpose of this PR",
      "<!--",
      "/kind bug",
      "/rc 1.5",
      "-->",
      "Fixes the webhook.",
      "",
      "/cherry-pick release-1.5",
    ].join("\n");
    expect(parseCommands(body)).toEqual([{ name: "cherry-pick", targets: ["release-1.5"] }]);
  });
});

describe("parseCommands: /branch", () => {
  it("reads a release line", () => {
    expect(parseCommands("/branch 1.5")).toEqual([{ name: "branch", target: "1.5" }]);
  });

  it("reads a ref after from", () => {
    expect(parseCommands("/branch 1.5 from v1.4.0")).toEqual([
      { name: "branch", target: "1.5", from: "v1.4.0" },
    ]);
    expect(parseCommands("/branch 1.5 FROM main")).toEqual([
      { name: "branch", target: "1.5", from: "main" },
    ]);
  });

  it("rejects a missing release line with the usage", () => {
    const message =
      "`/branch` needs a release line; usage: `/branch <major.minor> [from <ref>] [--force] [--dry-run]`, for example `/branch 1.5`.";
    expect(parseCommands("/branch")).toEqual([{ name: "invalid", command: "branch", message }]);
    expect(parseCommands("/branch from main")).toEqual([
      { name: "invalid", command: "branch", message },
    ]);
  });

  it("rejects a misspelled from with the usage", () => {
    expect(parseCommands("/branch 1.5 form main")).toEqual([
      {
        name: "invalid",
        command: "branch",
        message:
          "`/branch` expects `from <ref>` after the release line, not `form main`; usage: `/branch <major.minor> [from <ref>] [--force] [--dry-run]`, for example `/branch 1.5`.",
      },
    ]);
  });

  it("rejects from without a ref", () => {
    expect(parseCommands("/branch 1.5 from")).toEqual([
      {
        name: "invalid",
        command: "branch",
        message:
          "`/branch` needs a branch, tag or commit after `from`; usage: `/branch <major.minor> [from <ref>] [--force] [--dry-run]`, for example `/branch 1.5`.",
      },
    ]);
  });

  it("rejects words after the ref", () => {
    expect(parseCommands("/branch 1.5 from main please")).toEqual([
      {
        name: "invalid",
        command: "branch",
        message:
          "`/branch` takes one ref after `from`, not `main please`; usage: `/branch <major.minor> [from <ref>] [--force] [--dry-run]`, for example `/branch 1.5`.",
      },
    ]);
  });

  it("takes --force, for a line that is not the next one, and no other option", () => {
    expect(parseCommands("/branch 1.9 --force")).toEqual([
      { name: "branch", target: "1.9", force: true },
    ]);
    expect(parseCommands("/branch 1.9 from v1.8.0 --force")).toEqual([
      { name: "branch", target: "1.9", from: "v1.8.0", force: true },
    ]);
    expect(parseCommands("/branch 1.9 --dry-run --force")).toEqual([
      { name: "branch", target: "1.9", force: true, dryRun: true },
    ]);
    expect(parseCommands("/branch 1.5 --dry")).toEqual([
      {
        name: "invalid",
        command: "branch",
        message:
          "`/branch` has no option `--dry`, only `--force` and `--dry-run`; usage: `/branch <major.minor> [from <ref>] [--force] [--dry-run]`, for example `/branch 1.5`.",
      },
    ]);
  });
});

describe("parseCommands: /rc", () => {
  it("rejects a missing release line with the usage", () => {
    expect(parseCommands("/rc")).toEqual([
      {
        name: "invalid",
        command: "rc",
        message:
          "`/rc` needs a release line; usage: `/rc <major.minor> [--dry-run]`, for example `/rc 1.5`.",
      },
    ]);
  });

  it("rejects two release lines", () => {
    expect(parseCommands("/rc 1.5 1.6")).toEqual([
      {
        name: "invalid",
        command: "rc",
        message:
          "`/rc` takes one release line, not `1.5 1.6`; usage: `/rc <major.minor> [--dry-run]`, for example `/rc 1.5`.",
      },
    ]);
  });

  it("rejects options", () => {
    expect(parseCommands("/rc 1.5 --force")).toEqual([
      {
        name: "invalid",
        command: "rc",
        message:
          "`/rc` has no option `--force`, only `--dry-run`; usage: `/rc <major.minor> [--dry-run]`, for example `/rc 1.5`.",
      },
    ]);
  });
});

describe("parseCommands: /release", () => {
  it("reads a release line without force", () => {
    expect(parseCommands("/release 1.5")).toEqual([
      { name: "release", target: "1.5", force: false },
    ]);
  });

  it("reads --force after the line or before it", () => {
    expect(parseCommands("/release 1.5 --force")).toEqual([
      { name: "release", target: "1.5", force: true },
    ]);
    expect(parseCommands("/release --force 1.5")).toEqual([
      { name: "release", target: "1.5", force: true },
    ]);
    expect(parseCommands("/release 1.5 --FORCE --force")).toEqual([
      { name: "release", target: "1.5", force: true },
    ]);
  });

  it("rejects a misspelled option and names it", () => {
    expect(parseCommands("/release 1.5 --forse")).toEqual([
      {
        name: "invalid",
        command: "release",
        message:
          "`/release` has no option `--forse`, only `--force` and `--dry-run`; usage: `/release <major.minor> [--force] [--dry-run]`, for example `/release 1.5`.",
      },
    ]);
    expect(parseCommands("/release 1.5 -f")).toEqual([
      {
        name: "invalid",
        command: "release",
        message:
          "`/release` has no option `-f`, only `--force` and `--dry-run`; usage: `/release <major.minor> [--force] [--dry-run]`, for example `/release 1.5`.",
      },
    ]);
  });

  it("rejects a missing release line", () => {
    const message =
      "`/release` needs a release line; usage: `/release <major.minor> [--force] [--dry-run]`, for example `/release 1.5`.";
    expect(parseCommands("/release")).toEqual([{ name: "invalid", command: "release", message }]);
    expect(parseCommands("/release --force")).toEqual([
      { name: "invalid", command: "release", message },
    ]);
  });

  it("rejects two release lines", () => {
    expect(parseCommands("/release 1.5 now")).toEqual([
      {
        name: "invalid",
        command: "release",
        message:
          "`/release` takes one release line, not `1.5 now`; usage: `/release <major.minor> [--force] [--dry-run]`, for example `/release 1.5`.",
      },
    ]);
  });

  it("keeps backticks of user text out of the message and shortens long text", () => {
    const [command] = parseCommands(`/release 1.5 --${"x".repeat(60)}\`y`);
    expect(command).toEqual({
      name: "invalid",
      command: "release",
      message: `\`/release\` has no option \`--${"x".repeat(37)}…\`, only \`--force\` and \`--dry-run\`; usage: \`/release <major.minor> [--force] [--dry-run]\`, for example \`/release 1.5\`.`,
    });
    const [quoted] = parseCommands("/rc 1.5 `1.6`");
    expect(quoted).toEqual({
      name: "invalid",
      command: "rc",
      message:
        "`/rc` takes one release line, not `1.5 '1.6'`; usage: `/rc <major.minor> [--dry-run]`, for example `/rc 1.5`.",
    });
  });
});

describe("parseCommands: /cherry-pick", () => {
  it("reads one or several branches, in order", () => {
    expect(parseCommands("/cherry-pick release-1.5 release-1.4")).toEqual([
      { name: "cherry-pick", targets: ["release-1.5", "release-1.4"] },
    ]);
  });

  it("accepts Prow's /cherrypick", () => {
    expect(parseCommands("/cherrypick release-1.5")).toEqual([
      { name: "cherry-pick", targets: ["release-1.5"] },
    ]);
  });

  it("lists a branch once when repeated, keeping the first position", () => {
    expect(parseCommands("/cherry-pick release-1.5 release-1.4 release-1.5")).toEqual([
      { name: "cherry-pick", targets: ["release-1.5", "release-1.4"] },
    ]);
  });

  it("accepts commas between branches", () => {
    expect(parseCommands("/cherry-pick release-1.5, release-1.4,release-1.3")).toEqual([
      { name: "cherry-pick", targets: ["release-1.5", "release-1.4", "release-1.3"] },
    ]);
  });

  it("rejects a missing branch with the usage", () => {
    const message =
      "`/cherry-pick` needs at least one release branch; usage: `/cherry-pick <branch> [<branch> ...] [--dry-run]`, for example `/cherry-pick release-1.5`.";
    expect(parseCommands("/cherry-pick")).toEqual([
      { name: "invalid", command: "cherry-pick", message },
    ]);
    expect(parseCommands("/cherrypick ,")).toEqual([
      { name: "invalid", command: "cherry-pick", message },
    ]);
  });

  it("rejects options", () => {
    expect(parseCommands("/cherry-pick --all")).toEqual([
      {
        name: "invalid",
        command: "cherry-pick",
        message:
          "`/cherry-pick` has no option `--all`, only `--dry-run`; usage: `/cherry-pick <branch> [<branch> ...] [--dry-run]`, for example `/cherry-pick release-1.5`.",
      },
    ]);
  });
});

describe("parseCommands: arguments", () => {
  it("takes a branch with a dash inside for a branch, not an option", () => {
    expect(parseCommands("/cherry-pick release-1.5-hotfix")).toEqual([
      { name: "cherry-pick", targets: ["release-1.5-hotfix"] },
    ]);
  });

  it("shows user text of up to 40 characters in full", () => {
    const words = `${"x".repeat(19)} ${"y".repeat(20)}`;
    expect(parseCommands(`/rc ${words}`)).toEqual([
      {
        name: "invalid",
        command: "rc",
        message: `\`/rc\` takes one release line, not \`${words}\`; usage: \`/rc <major.minor> [--dry-run]\`, for example \`/rc 1.5\`.`,
      },
    ]);
  });
});

describe("parseCommands: did you mean", () => {
  it("suggests the command a short prefix starts", () => {
    expect(parseCommands("/ch")).toEqual([
      { name: "unknown", command: "ch", suggestion: "cherry-pick" },
    ]);
  });

  it("does not guess from a single letter, and then stays silent", () => {
    expect(parseCommands("/b")).toEqual([]);
  });

  it("counts two swapped letters as one mistake", () => {
    expect(parseCommands("/hlep\n/cr 1.5")).toEqual([
      { name: "unknown", command: "hlep", suggestion: "help" },
      { name: "unknown", command: "cr", suggestion: "rc" },
    ]);
  });

  it("allows two mistakes in a long name", () => {
    expect(parseCommands("/cherrpik release-1.5")).toEqual([
      { name: "unknown", command: "cherrpik", suggestion: "cherry-pick" },
    ]);
  });
});

describe("parseCommands: /help", () => {
  it("reads /help with or without words after it", () => {
    expect(parseCommands("/help")).toEqual([{ name: "help" }]);
    expect(parseCommands("/help rc")).toEqual([{ name: "help" }]);
  });
});

describe("parseCommands: other bots' commands", () => {
  it("ignores Prow commands entirely", () => {
    const body = [
      "/lgtm",
      "/approve",
      "/hold",
      "/unhold",
      "/retest",
      "/test pull-spark-operator-e2e",
      "/ok-to-test",
      "/assign @alice",
      "/unassign",
      "/cc @bob",
      "/uncc",
      "/kind bug",
      "/area helm",
      "/priority p1",
      "/remove-kind feature",
      "/lifecycle frozen",
      "/close",
      "/reopen",
      "/label tide/merge-method-squash",
      "/remove-label do-not-merge",
      "/milestone v1.5",
      "/joke",
      "/meow",
      "/woof",
      "/skip",
      "/override ci",
      "/release-note-none",
      "/release-note-edit",
      "/triage accepted",
      "/good-first-issue",
      "/LGTM cancel",
    ].join("\n");
    expect(parseCommands(body)).toEqual([]);
  });

  it("ignores every /remove- command", () => {
    expect(parseCommands("/remove-lifecycle stale\n/remove-anything")).toEqual([]);
  });

  it("ignores a typo of another bot's command", () => {
    expect(parseCommands("/lgmt\n/aprove\n/retst")).toEqual([]);
  });

  it("reads our commands among Prow's", () => {
    expect(parseCommands("/lgtm\n/approve\n/cherry-pick release-1.5")).toEqual([
      { name: "cherry-pick", targets: ["release-1.5"] },
    ]);
  });

  it("lists the ignored names, without ours", () => {
    for (const name of ["lgtm", "approve", "hold", "retest", "release-note-none", "joke"]) {
      expect(FOREIGN_COMMANDS.has(name)).toBe(true);
    }
    for (const name of ["help", "rc", "release", "branch", "cherry-pick", "cherrypick"]) {
      expect(FOREIGN_COMMANDS.has(name)).toBe(false);
    }
  });
});

describe("parseCommands: unknown commands", () => {
  it("suggests the command a typo most likely meant", () => {
    expect(parseCommands("/relase 1.5")).toEqual([
      { name: "unknown", command: "relase", suggestion: "release" },
    ]);
    expect(parseCommands("/cherry-pik release-1.5")).toEqual([
      { name: "unknown", command: "cherry-pik", suggestion: "cherry-pick" },
    ]);
    expect(parseCommands("/rcs 1.5")).toEqual([
      { name: "unknown", command: "rcs", suggestion: "rc" },
    ]);
    expect(parseCommands("/brnach 1.5")).toEqual([
      { name: "unknown", command: "brnach", suggestion: "branch" },
    ]);
    expect(parseCommands("/hlep")).toEqual([
      { name: "unknown", command: "hlep", suggestion: "help" },
    ]);
    expect(parseCommands("/cherry-picks release-1.5")).toEqual([
      { name: "unknown", command: "cherry-picks", suggestion: "cherry-pick" },
    ]);
  });

  it("suggests the canonical name for a typo of the cherrypick alias", () => {
    expect(parseCommands("/cherypick release-1.5")).toEqual([
      { name: "unknown", command: "cherypick", suggestion: "cherry-pick" },
    ]);
  });

  it("suggests the command a name begins", () => {
    expect(parseCommands("/cherry release-1.5")).toEqual([
      { name: "unknown", command: "cherry", suggestion: "cherry-pick" },
    ]);
    expect(parseCommands("/rel 1.5")).toEqual([
      { name: "unknown", command: "rel", suggestion: "release" },
    ]);
  });

  it("reports the name in lower case", () => {
    expect(parseCommands("/RELASE 1.5")).toEqual([
      { name: "unknown", command: "relase", suggestion: "release" },
    ]);
  });

  it("stays silent on a /word near none of its commands (another bot's, or prose)", () => {
    expect(parseCommands("/deploy staging")).toEqual([]);
    expect(parseCommands("/ok")).toEqual([]);
    expect(parseCommands("/me")).toEqual([]);
    expect(parseCommands("/coderabbit review")).toEqual([]);
    expect(parseCommands("/x")).toEqual([]);
    expect(parseCommands("/constructor\n/toString")).toEqual([]);
  });

  it("answers a near miss beside them", () => {
    expect(parseCommands("/me\n/rcc 1.5")).toEqual([
      { name: "unknown", command: "rcc", suggestion: "rc" },
    ]);
  });
});

describe("parseCommands: help", () => {
  it("answers /help written many times once", () => {
    const body = Array.from({ length: 20 }, () => "/help").join("\n");
    expect(parseCommands(`${body}\n/rc 1.5`)).toEqual([
      { name: "help" },
      { name: "rc", target: "1.5" },
    ]);
  });

  it("reads /release-bot help as its help, with or without Prow", () => {
    expect(parseCommands("/release-bot help")).toEqual([{ name: "help" }]);
    expect(parseCommands("/Release-Bot HELP", { prow: true })).toEqual([{ name: "help" }]);
    expect(parseCommands("/release-bot status")).toEqual([
      {
        name: "invalid",
        command: "help",
        message: "`/release-bot` is followed by `help` only, for example `/release-bot help`.",
      },
    ]);
  });
});

describe("parseCommands: beside Prow", () => {
  const prow = { prow: true };

  it("leaves /help and /cherrypick to Prow and keeps /cherry-pick", () => {
    expect(parseCommands("/help\n/cherrypick release-1.5", prow)).toEqual([]);
    expect(parseCommands("/cherry-pick release-1.5", prow)).toEqual([
      { name: "cherry-pick", targets: ["release-1.5"] },
    ]);
    expect(parseCommands("/help\n/cherrypick release-1.5")).toEqual([
      { name: "help" },
      { name: "cherry-pick", targets: ["release-1.5"] },
    ]);
  });

  it("leaves a typo of /help to Prow too, but still suggests its own commands", () => {
    expect(parseCommands("/hlep", prow)).toEqual([]);
    expect(parseCommands("/rcc 1.5", prow)).toEqual([
      { name: "unknown", command: "rcc", suggestion: "rc" },
    ]);
  });
});

describe("parseCommands: limits", () => {
  it("reads at most MAX_COMMANDS commands", () => {
    expect(MAX_COMMANDS).toBe(20);
    const body = Array.from({ length: 1000 }, (_, i) => `/rc 1.${i}`).join("\n");
    const commands = parseCommands(body);
    expect(commands).toHaveLength(20);
    expect(commands[0]).toEqual({ name: "rc", target: "1.0" });
    expect(commands[19]).toEqual({ name: "rc", target: "1.19" });
  });

  it("counts unknown and invalid commands towards the limit", () => {
    const body = Array.from({ length: 30 }, () => "/relase").join("\n");
    expect(parseCommands(`${body}\n/rc 1.5`)).toHaveLength(20);
  });

  it("parses a 64 KB comment quickly", () => {
    const filler = "Some prose line with a /path and a <!-- comment --> in it.\n";
    const body = `${filler.repeat(Math.ceil(65_536 / filler.length))}/rc 1.5`;
    expect(body.length).toBeGreaterThanOrEqual(65_536);
    const started = performance.now();
    expect(parseCommands(body)).toEqual([{ name: "rc", target: "1.5" }]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("parses a 64 KB single line and a 64 KB run of comment openers quickly", () => {
    const started = performance.now();
    expect(parseCommands(`/rc ${"1".repeat(65_536)}`)).toEqual([
      { name: "rc", target: "1".repeat(65_536) },
    ]);
    expect(parseCommands("<!--".repeat(16_384))).toEqual([]);
    expect(parseCommands(`/${"z".repeat(65_536)}`)).toEqual([]);
    expect(parseCommands(" ".repeat(65_536))).toEqual([]);
    expect(parseCommands(`${"-   1.  ".repeat(8_192)}x`)).toEqual([]);
    expect(parseCommands(`${"> ".repeat(32_768)}/rc 1.5`)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("COMMAND_USAGE", () => {
  it("spells the usage of every command", () => {
    expect(COMMAND_USAGE).toEqual({
      branch: "/branch <major.minor> [from <ref>] [--force] [--dry-run]",
      rc: "/rc <major.minor> [--dry-run]",
      release: "/release <major.minor> [--force] [--dry-run]",
      publish: "/publish <version> [--dry-run]",
      "cherry-pick": "/cherry-pick <branch> [<branch> ...] [--dry-run]",
      help: "/help",
      status: "/status [<major.minor>]",
    });
  });
});

describe("parseCommands: /publish", () => {
  it("reads the version as written, with --dry-run", () => {
    expect(parseCommands("/publish 1.5.0\n/PUBLISH v1.5.0-rc.1 --dry-run")).toEqual([
      { name: "publish", target: "1.5.0" },
      { name: "publish", target: "v1.5.0-rc.1", dryRun: true },
    ]);
  });

  it("refuses no version, two versions and unknown options with the usage", () => {
    expect(parseCommands("/publish")).toEqual([
      {
        name: "invalid",
        command: "publish",
        message:
          "`/publish` needs a version; usage: `/publish <version> [--dry-run]`, for example `/publish 1.5.0`.",
      },
    ]);
    expect(parseCommands("/publish 1.5.0 1.5.1")[0]).toMatchObject({
      name: "invalid",
      message: expect.stringContaining("`/publish` takes one version, not `1.5.0 1.5.1`"),
    });
    expect(parseCommands("/publish 1.5.0 --force")[0]).toMatchObject({
      name: "invalid",
      message: expect.stringContaining("`/publish` has no option `--force`, only `--dry-run`"),
    });
  });

  it("suggests /publish for a near miss", () => {
    expect(parseCommands("/pubish 1.5.0")).toEqual([
      { name: "unknown", command: "pubish", suggestion: "publish" },
    ]);
  });
});

describe("parseCommands: --dry-run", () => {
  it("marks every writing command that carries it, in any case and position", () => {
    expect(
      parseCommands(
        [
          "/branch 1.6 --dry-run",
          "/branch --dry-run 1.6 from main",
          "/rc 1.6 --DRY-RUN",
          "/release 1.6 --force --dry-run",
          "/release --dry-run 1.6",
          "/cherry-pick release-1.6, 1.5 --dry-run",
        ].join("\n"),
      ),
    ).toEqual([
      { name: "branch", target: "1.6", dryRun: true },
      { name: "branch", target: "1.6", from: "main", dryRun: true },
      { name: "rc", target: "1.6", dryRun: true },
      { name: "release", target: "1.6", force: true, dryRun: true },
      { name: "release", target: "1.6", force: false, dryRun: true },
      { name: "cherry-pick", targets: ["release-1.6", "1.5"], dryRun: true },
    ]);
  });

  it("leaves a command without it a real run", () => {
    expect(parseCommands("/rc 1.6")[0]).not.toHaveProperty("dryRun");
    expect(parseCommands("/release 1.6 --force")[0]).not.toHaveProperty("dryRun");
  });

  it("refuses a misspelled --dry-run rather than running for real", () => {
    expect(parseCommands("/rc 1.6 --dryrun")).toEqual([
      {
        name: "invalid",
        command: "rc",
        message:
          "`/rc` has no option `--dryrun`, only `--dry-run`; usage: `/rc <major.minor> [--dry-run]`, for example `/rc 1.5`.",
      },
    ]);
    expect(parseCommands("/branch 1.6 --dry")).toMatchObject([
      { name: "invalid", message: expect.stringMatching(/^`\/branch` has no option `--dry`/) },
    ]);
  });

  it("is no option of /status or /help", () => {
    expect(parseCommands("/status 1.6 --dry-run")).toMatchObject([
      { name: "invalid", message: expect.stringMatching(/^`\/status` takes no options/) },
    ]);
  });
});

describe("parseCommands: /release-bot followed by more than help", () => {
  const onlyHelp = {
    name: "invalid",
    command: "help",
    message: "`/release-bot` is followed by `help` only, for example `/release-bot help`.",
  };

  it("answers the same correction to extra words, split words and no word at all", () => {
    expect(parseCommands("/release-bot help me")).toEqual([onlyHelp]);
    expect(parseCommands("/release-bot he lp")).toEqual([onlyHelp]);
    expect(parseCommands("/release-bot")).toEqual([onlyHelp]);
  });
});
