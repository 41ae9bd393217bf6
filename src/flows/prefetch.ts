/**
 * Marks a read started ahead of need, so that it travels beside other reads. The caller may end
 * up not needing it (a refusal, a missing branch); its failure then must not become an unhandled
 * rejection, while whoever awaits the promise still gets the error.
 */
export function prefetch<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}
