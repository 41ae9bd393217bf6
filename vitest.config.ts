import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    // Most test time is waiting (throttled writes, webhook deliveries, child processes), not
    // CPU: three files at a time on two cores (vitest's default would be one).
    maxWorkers: 3,
    tags: [
      {
        name: "install",
        description:
          "packs a workspace package and installs it with npm into an empty directory (the registry is asked for what npm's cache lacks); under a minute. `--tags-filter='!install'` leaves them out offline.",
        timeout: 120_000,
      },
    ],
  },
});
