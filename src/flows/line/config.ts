import { parse } from "yaml";
import { CONFIG_PATH, parseConfig } from "../../config.js";
import { readFileAt } from "../../github/file-at-ref.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink } from "../links.js";

export type LineContext =
  | {
      ok: true;
      ctx: FlowContext /** The release branch whose own file was used, if any. */;
      from: string | null;
    }
  | { ok: false; outcome: Outcome };

/**
 * The configuration of one release line: with `lineConfig` on, `.github/release-bot.yml` on its
 * release branch when the branch has one (an old line keeps the paths and formats it was released with after the default
 * branch moves on), the default branch's otherwise. The line's file stands alone: it is not merged
 * with the default branch's.
 */
export async function lineContext(ctx: FlowContext, branch: string): Promise<LineContext> {
  if (!ctx.config.lineConfig) return { ok: true, ctx, from: null };
  const text = await readFileAt(ctx.github, ctx.repo, CONFIG_PATH, branch);
  if (text === null) return { ok: true, ctx, from: null };
  const file = `${CONFIG_PATH} on ${branch}`;
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message.split("\n", 1)[0]}` : "";
    return {
      ok: false,
      outcome: outcome("failed", `Nothing was run: ${file} is not valid YAML${reason}.`),
    };
  }
  const parsed = parseConfig(raw, file);
  if (!parsed.ok) {
    return {
      ok: false,
      outcome: outcome("failed", `Nothing was run: ${parsed.error} Fix it and comment again.`),
    };
  }
  // The branch pattern names the line's branch, so it stays the default branch's.
  const config = { ...parsed.config, branches: ctx.config.branches };
  return { ok: true, ctx: { ...ctx, config }, from: branch };
}

/** A reply run under a line's own file says so. */
export function notingLineConfig(ctx: FlowContext, result: Outcome, from: string | null): Outcome {
  if (from === null) return result;
  return {
    ...result,
    message: `${result.message}\n\nConfiguration: \`${CONFIG_PATH}\` on ${branchLink(ctx, from)}.`,
  };
}
