import { describe, expect, it } from "vitest";
import {
  decidesByOwners,
  expandAliases,
  resolveOwners,
  rootOwners,
} from "../../../src/core/owners/approvers.js";
import {
  normalizeLogin,
  parseAliasesFile,
  parseOwnersFile,
} from "../../../src/core/owners/parse.js";

const aliases = (text: string) => {
  const parsed = parseAliasesFile(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
};

describe("parseOwnersFile", () => {
  it("reads the top-level lists and ignores sections Prow does not know", () => {
    expect(
      parseOwnersFile(
        "approvers: [a, b]\nreviewers:\n  - c\nproject-leads: [d]\noptions:\n  no_parent_owners: true\n",
      ),
    ).toEqual({
      ok: true,
      value: {
        root: { approvers: ["a", "b"], reviewers: ["c"], emeritusApprovers: [] },
        filters: [],
      },
    });
  });

  it("treats a file of only labels or required reviewers as simple, so its filters are ignored", () => {
    for (const list of ["labels: [area/x]", "required_reviewers: [r]"]) {
      const parsed = parseOwnersFile(`${list}\nfilters:\n  ".*":\n    approvers: [m]\n`);
      expect(parsed).toMatchObject({ ok: true, value: { root: { approvers: [] }, filters: [] } });
    }
  });

  it("reads filters when the top-level lists are empty", () => {
    const parsed = parseOwnersFile(
      'approvers: []\nfilters:\n  "\\\\.md$":\n    approvers: [docs]\n  ".*":\n    approvers: [root]\n    reviewers: [rev]\n',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        root: { approvers: ["root"], reviewers: ["rev"], emeritusApprovers: [] },
        filters: [{ pattern: "\\.md$", approvers: ["docs"] }],
      },
    });
  });

  it("has no root approvers when the filters have no catch-all", () => {
    const parsed = parseOwnersFile('filters:\n  "Makefile$":\n    approvers: [build]\n');
    expect(parsed).toEqual({
      ok: true,
      value: {
        root: { approvers: [], reviewers: [], emeritusApprovers: [] },
        filters: [{ pattern: "Makefile$", approvers: ["build"] }],
      },
    });
  });

  it("says a YAML error in one line, without the parser's excerpt", () => {
    expect(parseOwnersFile("approvers: [a]\napprovers: [b]\n")).toEqual({
      ok: false,
      problem: "is not valid YAML: Map keys must be unique",
    });
  });

  it("takes an empty file, an empty filter and empty lists as naming nobody", () => {
    expect(parseOwnersFile("")).toMatchObject({ ok: true, value: { root: { approvers: [] } } });
    expect(parseOwnersFile("approvers:\nreviewers: ~\n")).toMatchObject({
      ok: true,
      value: { root: { approvers: [], reviewers: [] } },
    });
    expect(parseOwnersFile('filters:\n  ".*":\n')).toMatchObject({
      ok: true,
      value: { root: { approvers: [] }, filters: [] },
    });
    expect(parseOwnersFile("filters: ~\n")).toMatchObject({ ok: true, value: { filters: [] } });
  });

  it("trims the spaces around a login", () => {
    expect(parseOwnersFile("approvers:\n  - 'alice  '\n")).toMatchObject({
      ok: true,
      value: { root: { approvers: ["alice"] } },
    });
  });

  it.each([
    ["approvers: [a\n", /^is not valid YAML: /],
    ["approvers: [a]\napprovers: [b]\n", /^is not valid YAML: Map keys must be unique/],
    ["- alice\n", /^is not a YAML mapping$/],
    ["just text\n", /^is not a YAML mapping$/],
    ["approvers: alice\n", /^is not valid: `approvers` must be a list of logins$/],
    [
      "approvers:\n  - alice\n  - 42\n",
      /^is not valid: `approvers` must be a list of logins, not `42`$/,
    ],
    ["approvers: ['']\n", /^is not valid: `approvers` must be a list of logins, not ``$/],
    ["approvers: ['  ']\n", /^is not valid: `approvers` must be a list of logins, not ` {2}`$/],
    ["approvers: [a]\nreviewers: {b: 1}\n", /^is not valid: `reviewers` must be a list of logins$/],
    ["approvers: [a]\nemeritus_approvers: x\n", /^is not valid: `emeritus_approvers` must be/],
    [
      "filters: [a]\n",
      /^is not valid: `filters` must map path patterns to approvers and reviewers$/,
    ],
    ['filters:\n  ".*": [a]\n', /^is not valid: filter `\.\*` must be a mapping of lists$/],
    [
      'filters:\n  ".*":\n    approvers: a\n',
      /^is not valid: filter `\.\*`: `approvers` must be a list/,
    ],
  ])("refuses %j with a problem naming what is wrong", (text, problem) => {
    const parsed = parseOwnersFile(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.problem).toMatch(problem);
  });
});

describe("parseAliasesFile", () => {
  it("reads lists, a flow mapping's keys and empty aliases, alias names case-insensitively", () => {
    const parsed = aliases(
      "aliases:\n  Team-A: [alice, Bob]\n  team-b: { carol, dave }\n  team-c:\n",
    );
    expect([...parsed]).toEqual([
      ["team-a", ["alice", "Bob"]],
      ["team-b", ["carol", "dave"]],
      ["team-c", []],
    ]);
  });

  it("takes a file without aliases as none", () => {
    expect([...aliases("")]).toEqual([]);
    expect([...aliases("aliases:\n")]).toEqual([]);
    expect([...aliases("other: 1\n")]).toEqual([]);
  });

  it.each([
    ["aliases: [a]\n", /^is not valid: `aliases` must map each alias to a list of logins$/],
    ["aliases:\n  team: alice\n", /^is not valid: alias `team` must be a list of logins$/],
    [
      "aliases:\n  team: [alice, 7]\n",
      /^is not valid: alias `team` must be a list of logins, not `7`$/,
    ],
    ["aliases: {\n", /^is not valid YAML: /],
  ])("refuses %j", (text, problem) => {
    const parsed = parseAliasesFile(text);
    expect(parsed.ok ? "" : parsed.problem).toMatch(problem);
  });
});

describe("decidesByOwners", () => {
  it("is true for the permissions read from OWNERS only", () => {
    expect(["owners", "owners-or-maintain"].map(decidesByOwners)).toEqual([true, true]);
    expect(["write", "maintain", "admin", ""].map(decidesByOwners)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("normalizeLogin", () => {
  it("compares logins as Prow does: lower case, without a leading @", () => {
    expect(normalizeLogin(" @Alice-B ")).toBe("alice-b");
    expect(normalizeLogin("a@b")).toBe("a@b");
  });
});

describe("expandAliases", () => {
  it("replaces an alias by its members, one level deep, each login once", () => {
    const map = aliases(
      "aliases:\n  core: [alice, nested]\n  nested: [zed]\n  ops: [ALICE, bob]\n",
    );
    expect(expandAliases(["Core", "ops", "carol", "@dave", "e@f"], map)).toEqual([
      "alice",
      "nested",
      "bob",
      "carol",
      "dave",
      "e@f",
    ]);
  });
});

describe("rootOwners", () => {
  it("names a per-file approver with the first filter naming them", () => {
    const owners = rootOwners(
      {
        root: { approvers: ["root"], reviewers: [], emeritusApprovers: [] },
        filters: [
          { pattern: "a$", approvers: ["x", "y"] },
          { pattern: "b$", approvers: ["X", "z"] },
        ],
      },
      new Map(),
    );
    expect(owners.fileApprovers).toEqual([
      { login: "x", pattern: "a$" },
      { login: "y", pattern: "a$" },
      { login: "z", pattern: "b$" },
    ]);
  });
});

describe("resolveOwners", () => {
  it("reports a missing OWNERS file", () => {
    expect(resolveOwners("OWNERS", { owners: null, aliases: "aliases: {}" })).toEqual({
      ok: false,
      file: "OWNERS",
      problem: "does not exist",
    });
  });

  it("reports a broken OWNERS file under its own name", () => {
    expect(resolveOwners(".github/OWNERS", { owners: "- a", aliases: null })).toEqual({
      ok: false,
      file: ".github/OWNERS",
      problem: "is not a YAML mapping",
    });
  });

  it("reports a broken OWNERS_ALIASES under its name", () => {
    expect(resolveOwners("OWNERS", { owners: "approvers: [a]", aliases: "aliases: [x]" })).toEqual({
      ok: false,
      file: "OWNERS_ALIASES",
      problem: "is not valid: `aliases` must map each alias to a list of logins",
    });
  });

  it("reads without aliases when OWNERS_ALIASES is not there, as Prow does", () => {
    expect(resolveOwners("OWNERS", { owners: "approvers: [team]", aliases: null })).toMatchObject({
      ok: true,
      file: "OWNERS",
      owners: { approvers: ["team"] },
    });
  });
});
