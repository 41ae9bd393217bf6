/**
 * The local GitHub: a REST API subset backed by bare git repositories, with signed webhooks.
 * See this package's README.md.
 */
export type { ClockInput, ClockOptions } from "./clock.js";
export { SteppableClock } from "./clock.js";
export type { SandboxEvent } from "./context.js";
export type { Fault, FaultSpec } from "./faults.js";
export { FaultInjector } from "./faults.js";
export type { ParsedCommit } from "./git.js";
export { isolatedGitEnv } from "./git.js";
export type { UserType } from "./model.js";
export type { MergeMethod } from "./ops/pulls.js";
export type { RunningProbot, RunProbotOptions } from "./probot.js";
export { probotOctokitFor, runProbotApp } from "./probot.js";
export { NOT_ACCESSIBLE } from "./rules/app-permissions.js";
export { PROTECTION_MESSAGES, RULE_VIOLATIONS, RULESET_MESSAGES } from "./rules/branch-rules.js";
export type { ProtectionSpec, RulesetSpec, RulesInput } from "./rules/settings.js";
export { workflowRefusal } from "./rules/workflows.js";
export type { CreateRepoOptions, IdleOptions, SandboxOptions } from "./sandbox.js";
export { Sandbox, startSandbox } from "./sandbox.js";
export type {
  AsUser,
  AuthorSpec,
  CommitOptions,
  OpenPullRequestOptions,
  PushCommitsOptions,
} from "./script.js";
export { SandboxRepo } from "./script.js";
export type { RequestLogEntry } from "./server.js";
export type { Role } from "./util.js";
export type {
  Delivery,
  DeliveryAttempt,
  DeliveryFilter,
  DeliveryRequest,
  DeliveryRule,
  RuleHandle,
  SubscribeOptions,
  Subscription,
  WebhookTarget,
} from "./webhooks.js";
export { sign as signWebhookBody, WebhookDispatcher } from "./webhooks.js";
