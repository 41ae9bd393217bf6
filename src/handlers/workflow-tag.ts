import type { Context } from "probot";
import { followWorkflowTag } from "../flows/workflow-tagging.js";
import { flowContext } from "./flow-context.js";
import { loadConfig } from "./load-config.js";

/** `create` of a tag: with `release.tagging: workflow`, it may be the tag a bump waits for. */
export async function onTagCreatedForWorkflow(context: Context<"create">): Promise<void> {
  if (context.payload.ref_type !== "tag") return;
  const loaded = await loadConfig(context);
  if (!loaded.ok || loaded.config.release.tagging !== "workflow") return;
  const result = await followWorkflowTag(flowContext(context, loaded.config), context.payload.ref);
  if (result) context.log.info({ tag: context.payload.ref }, result.message);
}
