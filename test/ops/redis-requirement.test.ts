import { describe, expect, it } from "vitest";
import { redisRequirement } from "./redis.js";

describe("whether the replica tests run", () => {
  it("run with REDIS_URL or an installed redis-server", () => {
    expect(redisRequirement({ REDIS_URL: "redis://127.0.0.1:6379" }, false)).toEqual({
      kind: "run",
    });
    expect(redisRequirement({}, true)).toEqual({ kind: "run" });
    expect(redisRequirement({ CI: "true" }, true)).toEqual({ kind: "run" });
  });

  it("are skipped without either, with one line naming the server and why", () => {
    expect(redisRequirement({}, false)).toEqual({
      kind: "skip",
      line: "Skipped: the replica tests need a Redis server (redis-server on PATH, or REDIS_URL), through which separate bot processes share Probot's write throttle; install redis-server (apt-get install redis-server) or set REDIS_URL to run them.",
    });
    // Only CI=true counts as CI, as CI services set it.
    expect(redisRequirement({ CI: "1" }, false).kind).toBe("skip");
  });

  it("fail without either under CI=true, where .ci/run installs it", () => {
    expect(redisRequirement({ CI: "true" }, false)).toEqual({
      kind: "fail",
      message:
        "CI=true and no Redis: the replica tests need a Redis server (redis-server on PATH, or REDIS_URL), through which separate bot processes share Probot's write throttle; .ci/run installs redis-server and sets REDIS_URL, so this CI did not run it.",
    });
  });
});
