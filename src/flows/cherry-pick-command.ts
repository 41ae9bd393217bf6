import type { Command } from "../core/commands.js";
import { type FlowContext, type Outcome, outcome } from "./context.js";

export interface CherryPickCommandRequest {
  command: Extract<Command, { name: "cherry-pick" }>;
  issueNumber: number;
  isPullRequest: boolean;
  requester: string;
}

/** `/cherry-pick <branch>...` on a pull request. (Filled in by the cherry-pick engine.) */
export async function runCherryPickCommand(
  _ctx: FlowContext,
  request: CherryPickCommandRequest,
): Promise<Outcome> {
  if (!request.isPullRequest) {
    return outcome("refused", "`/cherry-pick` works on pull requests only.");
  }
  return outcome("refused", "Cherry-picks are not available yet.");
}
