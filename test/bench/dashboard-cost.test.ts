import { describe, expect, it } from "vitest";
import { dashboardChecks, dashboardTable, runDashboardBenchmark } from "../../bench/dashboard.js";

describe("benchmark: dashboard edits", () => {
  it("cost at most 4 calls after a tag, a push, a pull request and a pick status comment", async () => {
    const costs = await runDashboardBenchmark();
    const edited = new Set(costs.filter((c) => !c.created).map((c) => c.event));
    for (const event of [
      "create",
      "push",
      "pull_request.opened",
      "pull_request.closed",
      "issue_comment.edited",
    ]) {
      expect(edited).toContain(event);
    }
    expect(costs.filter((c) => c.created)).toHaveLength(1);
    for (const cost of costs.filter((c) => !c.created)) expect(cost.calls).toBeLessThanOrEqual(4);
    expect(dashboardChecks(costs)[0]?.pass).toBe(true);
    expect(dashboardTable(costs)).toMatch(/^\| push \| \d+ \| [1-4] \| [01] \|$/m);
  }, 60_000);
});
