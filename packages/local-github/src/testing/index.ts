/**
 * `@release-bot/local-github/testing`: the one test world. `startLocalBot` (the local GitHub on a
 * steppable clock with N replicas of a bot the caller starts), the demo operator repository and
 * its people, and the demo release played on it. See this package's README.md, "The test world".
 */
export type { ClockInput, ClockOptions } from "../clock.js";
export { SteppableClock } from "../clock.js";
export {
  CONTRIBUTOR,
  DEFAULT_BRANCH,
  DEMO_REPO,
  INITIAL_FILES,
  MAINTAINER,
  MASTER_HISTORY,
  seedDemoRepository,
} from "./demo-operator.js";
export type { DemoRecord, TagRecord } from "./demo-record.js";
export {
  checkDemo,
  DEMO_DASHBOARD,
  EXPECTED_TAGS,
  readDashboard,
  readTag,
} from "./demo-record.js";
export type { Narrate } from "./demo-release.js";
export { plain, playDemo } from "./demo-release.js";
export type { LocalBot, LocalBotOptions, Replica, ReplicaStart } from "./local-bot.js";
export { startLocalBot } from "./local-bot.js";
