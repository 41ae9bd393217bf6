import nock from "nock";
import { afterEach, beforeAll } from "vitest";

// No test may reach the network; localhost stays open for the sandbox e2e tests.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
});
