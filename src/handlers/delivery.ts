import type { Context } from "probot";
import type { ConfigResult } from "../config.js";
import type { DeliveryScope } from "../flows/context.js";
import { type ConfigSource, DEFAULT_CONFIG_SOURCE, loadConfig } from "./load-config.js";

/**
 * What the handlers of one webhook delivery share, made once per delivery by the app's wiring
 * and passed to each handler: the configuration read (one read, whichever handler asks first)
 * and the scope their flows report to.
 */
export interface Delivery {
  /** The repository's configuration; read on first use, the same promise for every handler. */
  config(): Promise<ConfigResult>;
  scope: DeliveryScope;
}

export function openDelivery(
  context: Context,
  scope: DeliveryScope,
  source: ConfigSource = DEFAULT_CONFIG_SOURCE,
): Delivery {
  let loading: Promise<ConfigResult> | null = null;
  return {
    config() {
      loading ??= loadConfig(context, source);
      return loading;
    },
    scope,
  };
}
