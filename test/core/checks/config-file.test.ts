import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config.js";
import { checkConfigurationFile } from "../../../src/core/checks/config-file.js";

const HOW_TO =
  "The settings are described in docs/configuration.md; the JSON Schema docs/release-bot.schema.json lets an editor check them as you type.";
const refusal = (path: string, ...problems: string[]) =>
  [
    `release-bot cannot use \`${path}\` as it is here: every command would answer with this error instead of running.`,
    "",
    ...problems,
    "",
    HOW_TO,
  ].join("\n");

describe("the configuration check's verdict", () => {
  it("passes an empty file and says the bot reads it as written, under the path given", () => {
    expect(checkConfigurationFile("", configSchema, "config/release-bot.yml")).toEqual({
      conclusion: "success",
      title: "config/release-bot.yml is valid",
      summary:
        "Every key of `config/release-bot.yml` is a known setting with a valid value; release-bot will read it as written.",
      annotations: [],
    });
  });

  it("refuses a repeated key at the line of the repeat, with the parser's first line only", () => {
    const result = checkConfigurationFile(
      "release:\n  mode: direct\nrelease:\n  notes: true\n",
      configSchema,
    );
    expect(result).toEqual({
      conclusion: "failure",
      title: ".github/release-bot.yml is not valid YAML (1 problem)",
      summary: refusal(".github/release-bot.yml", "- line 3: Map keys must be unique"),
      annotations: [
        {
          path: ".github/release-bot.yml",
          line: 3,
          level: "failure",
          title: "Not valid YAML",
          message: "Map keys must be unique",
        },
      ],
    });
  });

  it("refuses a list or a plain text: the file must be a mapping", () => {
    for (const text of ["- mode: direct\n", "direct\n"]) {
      expect(checkConfigurationFile(text, configSchema)).toEqual({
        conclusion: "failure",
        title: ".github/release-bot.yml is not a mapping of settings (1 problem)",
        summary: refusal(
          ".github/release-bot.yml",
          "- line 1: The file must be a YAML mapping of settings.",
        ),
        annotations: [
          {
            path: ".github/release-bot.yml",
            line: 1,
            level: "failure",
            title: "Not a mapping",
            message: "The file must be a YAML mapping of settings.",
          },
        ],
      });
    }
  });

  it("places problems inside a list item at their key, an unknown key at itself", () => {
    const text = [
      "files:",
      "  - path: Makefile",
      "    pattern: '(.*)'",
      "  - path: VERSION",
      "    pattern: '(x'",
      "    bogus: 1",
      "",
    ].join("\n");
    const result = checkConfigurationFile(text, configSchema);
    expect(result.title).toBe(".github/release-bot.yml has invalid settings (2 problems)");
    expect(result.summary).toBe(
      refusal(
        ".github/release-bot.yml",
        "- line 5: `files[1].pattern` must be a valid regular expression with exactly one capturing group.",
        "- line 6: `files[1].bogus` is not a known setting.",
      ),
    );
    expect(result.annotations.map((a) => a.title)).toEqual(["Invalid setting", "Invalid setting"]);
  });

  it("places a missing key at the list item that lacks it", () => {
    const result = checkConfigurationFile("# settings\nfiles:\n  - path: Makefile\n", configSchema);
    expect(result.annotations.map((a) => [a.line, a.message])).toEqual([
      [3, "`files[0].pattern` must be a string."],
    ]);
  });
});
