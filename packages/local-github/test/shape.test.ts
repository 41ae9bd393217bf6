import { describe, expect, it } from "vitest";
import { normalizedLink, shapeDifferences } from "../src/conformance/shape.js";

describe("shapeDifferences", () => {
  it("finds missing keys and other types, nested and in lists, and nothing else", () => {
    const github = {
      id: 1,
      name: "bug",
      labels: [{ name: "x", color: "ededed" }],
      user: { login: "a", site_admin: false },
      milestone: null,
      body: "text",
    };
    expect(
      shapeDifferences(github, {
        id: 2,
        name: "other",
        labels: [{ name: "y" }],
        user: { login: "b", site_admin: "no" },
        milestone: { title: "m" },
        body: null,
        extra: true,
      }),
    ).toEqual([
      "$.labels[0].color: missing here",
      "$.user.site_admin: boolean on GitHub, string here",
    ]);
    expect(shapeDifferences([{ a: 1 }], [])).toEqual(["$: GitHub listed 1, none here"]);
    expect(shapeDifferences([], [{ a: 1 }])).toEqual([]);
    expect(shapeDifferences("# hello", "# other")).toEqual([]);
    expect(shapeDifferences({ a: [1] }, { a: {} })).toEqual(["$.a: array on GitHub, object here"]);
  });
});

describe("normalizedLink", () => {
  it("leaves out the host and the repository id", () => {
    expect(
      normalizedLink(
        '<https://api.github.com/repositories/1000/issues?per_page=3&page=2>; rel="next", <http://127.0.0.1:4567/repositories/7/issues?page=1>; rel="first"',
      ),
    ).toBe(
      '</repositories/{id}/issues?per_page=3&page=2>; rel="next", </repositories/{id}/issues?page=1>; rel="first"',
    );
    expect(normalizedLink(undefined)).toBeUndefined();
  });
});
