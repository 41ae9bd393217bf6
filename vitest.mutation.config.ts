import { defineConfig } from "vitest/config";

// Stryker runs the unit tests alone: they are the ones that exercise src/core, and the handler,
// e2e and reliability layers would multiply the run time by the number of mutants without
// killing anything the unit tests miss in pure code.
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
  },
});
