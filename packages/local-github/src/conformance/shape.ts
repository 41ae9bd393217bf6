/**
 * The shape of an answer: which keys an object has and of what JSON type each value is, arrays
 * by their first item. Two answers of the same shape can hold other data (ids, dates, names).
 */

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Where `actual` differs in shape from `expected` (a recording of GitHub's answer), one line
 * each: a key GitHub sent that is missing, a value of another type, a list GitHub filled left
 * empty. Null on either side matches anything (the data differs, not the shape); keys only
 * `actual` has are not differences (GitHub's answers grow newer fields than a recording's).
 */
export function shapeDifferences(expected: unknown, actual: unknown, at = "$"): string[] {
  if (expected === null || actual === null) return [];
  const want = kind(expected);
  const got = kind(actual);
  if (want !== got) return [`${at}: ${want} on GitHub, ${got} here`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0) return [];
    if (actual.length === 0) return [`${at}: GitHub listed ${expected.length}, none here`];
    return shapeDifferences(expected[0], actual[0], `${at}[0]`);
  }
  if (want !== "object") return [];
  const mine = actual as Record<string, unknown>;
  return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
    key in mine
      ? shapeDifferences(value, mine[key], `${at}.${key}`)
      : [`${at}.${key}: missing here`],
  );
}

/** A `Link` header with its host and repository ids left out, for comparing two servers'. */
export function normalizedLink(link: string | undefined): string | undefined {
  return link
    ?.replace(/<https?:\/\/[^/>]+/g, "<")
    .replace(/\/repositories\/\d+/g, "/repositories/{id}");
}
