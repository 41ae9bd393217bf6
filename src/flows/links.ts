import type { PlanLinks } from "../core/release/dry-run-plan.js";
import type { FlowContext } from "./context.js";

type Where = Pick<FlowContext, "repoUrl">;

const short = (sha: string) => sha.slice(0, 7);

export const commitLink = (ctx: Where, sha: string) =>
  `[\`${short(sha)}\`](${ctx.repoUrl}/commit/${sha})`;
export const tagLink = (ctx: Where, tag: string) =>
  `[\`${tag}\`](${ctx.repoUrl}/releases/tag/${encodeURIComponent(tag)})`;
export const branchLink = (ctx: Where, branch: string) =>
  `[\`${branch}\`](${ctx.repoUrl}/tree/${branch.split("/").map(encodeURIComponent).join("/")})`;
export const pullLink = (ctx: Where, number: number) =>
  `[#${number}](${ctx.repoUrl}/pull/${number})`;

/** The links a dry run's plan needs. */
export const planLinks = (ctx: Where): PlanLinks => ({
  branch: (name) => branchLink(ctx, name),
  commit: (sha) => commitLink(ctx, sha),
  compare: (base, head) =>
    `[\`${base}...${short(head)}\`](${ctx.repoUrl}/compare/${encodeURIComponent(base)}...${head})`,
});
