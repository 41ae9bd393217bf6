import { defineConfig } from "vitest/config";

// Stryker runs the unit tests alone: they exercise src/core and, through nock, the API pick
// engine (test/github/pick/). The handler, e2e and reliability layers would multiply the run
// time by the number of mutants without killing anything the unit tests miss. The setup file
// refuses any request no nock scope expects, as in the full suite. `scripts/mutation.ts` runs
// one room of the scope at a time and narrows the tests to those whose imports reach the room
// (MUTATION_TESTS, comma-separated).
const chosen = process.env.MUTATION_TESTS?.split(",").filter((file) => file !== "");

export default defineConfig({
  test: {
    include: chosen ?? ["test/core/**/*.test.ts", "test/github/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
  },
});
