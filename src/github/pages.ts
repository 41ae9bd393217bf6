/**
 * How far the bot reads a list GitHub pages: every page, up to a bound that a real repository
 * does not reach, so a loop over `Link` headers always ends.
 */

/** The most pages of 100 a list of pull requests or issues is read to (1,000 items). */
export const MAX_LIST_PAGES = 10;

/**
 * A mapper for `github.paginate` that stops after `MAX_LIST_PAGES` pages: pass a fresh one to
 * each call.
 */
export function boundedPages<T>(): (response: { data: T[] }, done: () => void) => T[] {
  let pages = 0;
  return (response, done) => {
    pages += 1;
    if (pages >= MAX_LIST_PAGES) done();
    return response.data;
  };
}
