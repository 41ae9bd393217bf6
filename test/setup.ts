import nock from "nock";
import { afterEach, beforeAll } from "vitest";

/**
 * Requests to GitHub that no nock interceptor answered in the current test. Kept on the global
 * object: test files share modules (`isolate: false`) and this file runs again for each of them,
 * so the listener is added once per nock instance, not once per file.
 */
const shared = globalThis as { nockUnmatched?: string[]; nockListening?: WeakSet<object> };
shared.nockUnmatched ??= [];
shared.nockListening ??= new WeakSet();
const unmatched = shared.nockUnmatched;
const listening = shared.nockListening;

// No test may reach the network; localhost stays open for the sandbox e2e tests.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  if (listening.has(nock.emitter)) return;
  listening.add(nock.emitter);
  // The bot may catch the error an unmocked request raises (and, say, report it to the user),
  // so `scope.done()` alone would not notice an extra call: collect them and fail the test.
  nock.emitter.on(
    "no match",
    (request: { method?: string; path?: string; host?: string; hostname?: string }) => {
      const host = request.hostname ?? request.host ?? "";
      if (/^(127\.0\.0\.1|localhost)/.test(host)) return;
      unmatched.push(`${request.method ?? "?"} ${host}${request.path ?? ""}`);
    },
  );
});

afterEach(() => {
  nock.cleanAll();
  const extra = unmatched.splice(0);
  if (extra.length > 0) {
    throw new Error(`requests no nock scope expected:\n${extra.join("\n")}`);
  }
});
