import type { Context } from "probot";
import { followWorkflowTag } from "../flows/release/workflow-tagging.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

/**
 * `create` of a tag: with `release.tagging: workflow`, it may be the tag a bump waits for.
 * Release workflows push tags as a bot (`github-actions[bot]`, an App): only those are followed
 * at once, so a person's tag costs no API call; a tag pushed with a person's token is found by
 * the reconcile pass (`flows/reconcile/awaited-tags.ts`).
 */
export async function onTagCreatedForWorkflow(
  context: Context<"create">,
  delivery: Delivery,
): Promise<void> {
  if (context.payload.ref_type !== "tag" || context.payload.sender.type !== "Bot") return;
  const loaded = await delivery.config();
  if (!loaded.ok || loaded.config.release.tagging !== "workflow") return;
  const result = await followWorkflowTag(
    flowContext(context, loaded.config, delivery),
    context.payload.ref,
  );
  if (result) context.log.info({ tag: context.payload.ref }, result.message);
}
