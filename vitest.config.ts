import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    // Most test time is waiting (throttled writes, webhook deliveries, child processes), not
    // CPU: three files at a time on two cores (vitest's default would be one).
    maxWorkers: 3,
    // One module graph per worker, not per file: 212 files each importing Probot and Octokit
    // spent more CPU importing than testing (import 155 s of a 430 s run; 27 s without). No
    // test relies on a fresh module: state lives in each delivery's scope, not in modules
    // (docs/architecture.md), and nock is reset after every test (test/setup.ts).
    isolate: false,
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
