import { createHmac } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import type { SandboxEvent } from "./context.js";
import { uuid } from "./util.js";

type Json = Record<string, unknown>;

/** What a subscriber receives: exactly what GitHub would POST. */
export interface DeliveryRequest {
  /** X-GitHub-Delivery */
  id: string;
  /** X-GitHub-Event */
  name: string;
  payload: Json;
  /** The exact JSON body that was signed. */
  body: string;
  headers: Record<string, string>;
}

/** A webhook target: a URL (POSTed to like GitHub does) or an in-process function. */
export type WebhookTarget = string | ((request: DeliveryRequest) => Promise<unknown> | unknown);

export interface DeliveryAttempt {
  target: string;
  status: number | null;
  error?: string;
  durationMs: number;
  at: number;
}

export interface Delivery {
  /** Position in the delivery log, unique, for `redeliver`. */
  seq: number;
  /** The X-GitHub-Delivery GUID (kept by duplicates and redeliveries, as on GitHub). */
  guid: string;
  event: string;
  action: string | undefined;
  payload: Json;
  body: string;
  headers: Record<string, string>;
  redelivery: boolean;
  /** queued -> (held | delayed) -> sending -> done; dropped deliveries never go out. */
  state: "queued" | "held" | "delayed" | "sending" | "done" | "dropped";
  attempts: DeliveryAttempt[];
}

export interface DeliveryFilter {
  event?: string | string[];
  action?: string | string[];
  /** Any other condition, e.g. `(d) => d.payload.ref === "release-1.5"`. */
  match?: (delivery: Delivery) => boolean;
}

export interface DeliveryRule extends DeliveryFilter {
  /** Never deliver. */
  drop?: boolean;
  /** Deliver this many extra copies (same GUID, as GitHub's duplicate deliveries). */
  repeat?: number;
  /** Deliver this long after the event (lets later events overtake it). */
  delayMs?: number;
  /** Keep until `release()` is called on the rule (reorder at will). Held deliveries do not block idle(). */
  hold?: boolean;
  /** How many deliveries the rule applies to; default: all. */
  times?: number;
}

export interface RuleHandle {
  /** Deliveries the rule has matched so far. */
  readonly matched: Delivery[];
  /** Deliveries currently held by the rule. */
  readonly held: Delivery[];
  /** Send the held deliveries, in the given order (default: as they came; "reverse" reverses). */
  release(order?: "fifo" | "reverse" | ((a: Delivery, b: Delivery) => number)): void;
  remove(): void;
}

export interface SubscribeOptions {
  /** With several targets: pick one per delivery, like a load balancer in front of replicas. */
  balance?: "round-robin" | "random";
}

export interface Subscription {
  readonly targets: WebhookTarget[];
  unsubscribe(): void;
}

export interface WebhookOptions {
  secret: string;
  appId: number;
  hookId: number;
  /** "sequential": one delivery in flight per subscription, in order. "concurrent": all at once. */
  mode: "sequential" | "concurrent";
  timeoutMs: number;
  log?: (line: string) => void;
  /**
   * Waits out a `delay` rule: the sandbox's clock, so a test steps time instead of waiting for
   * it (default: real time).
   */
  sleep?: (ms: number) => Promise<void>;
}

interface SubscriptionState {
  targets: WebhookTarget[];
  balance: "round-robin" | "random";
  next: number;
  queue: Delivery[];
  inFlight: number;
  active: boolean;
}

interface RuleState {
  rule: DeliveryRule;
  remaining: number;
  matched: Delivery[];
  held: Delivery[];
  active: boolean;
}

function listMatches(value: string | undefined, wanted: string | string[] | undefined): boolean {
  if (wanted === undefined) return true;
  if (value === undefined) return false;
  return Array.isArray(wanted) ? wanted.includes(value) : wanted === value;
}

export function matchesFilter(delivery: Delivery, filter: DeliveryFilter): boolean {
  return (
    listMatches(delivery.event, filter.event) &&
    listMatches(delivery.action, filter.action) &&
    (filter.match ? filter.match(delivery) : true)
  );
}

export function sign(
  secret: string,
  body: string,
  algorithm: "sha256" | "sha1" = "sha256",
): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest("hex")}`;
}

/**
 * Signed, asynchronous webhook delivery with a log, rules to drop/duplicate/delay/hold
 * deliveries, redelivery, and an `idle()` that resolves when nothing is queued or in flight.
 */
export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private readonly subscriptions: SubscriptionState[] = [];
  private readonly rules: RuleState[] = [];
  private readonly options: WebhookOptions;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private outstanding = 0;
  private idleWaiters: Array<() => void> = [];
  private seq = 0;

  constructor(options: WebhookOptions) {
    this.options = options;
  }

  /** Work not yet finished: queued, delayed or in-flight deliveries (held ones excluded). */
  get pending(): number {
    return this.outstanding;
  }

  subscribe(target: WebhookTarget | WebhookTarget[], options: SubscribeOptions = {}): Subscription {
    const targets = Array.isArray(target) ? [...target] : [target];
    if (targets.length === 0) throw new Error("subscribe() needs at least one target");
    const state: SubscriptionState = {
      targets,
      balance: options.balance ?? "round-robin",
      next: 0,
      queue: [],
      inFlight: 0,
      active: true,
    };
    this.subscriptions.push(state);
    return {
      targets,
      unsubscribe: () => {
        state.active = false;
        const index = this.subscriptions.indexOf(state);
        if (index >= 0) this.subscriptions.splice(index, 1);
        for (const _ of state.queue.splice(0)) this.finish();
      },
    };
  }

  /** Add a rule; the first active rule that matches a delivery decides what happens to it. */
  rule(rule: DeliveryRule): RuleHandle {
    const state: RuleState = {
      rule,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
      matched: [],
      held: [],
      active: true,
    };
    this.rules.push(state);
    return {
      matched: state.matched,
      held: state.held,
      release: (order = "fifo") => {
        const held = state.held.splice(0);
        if (order === "reverse") held.reverse();
        else if (typeof order === "function") held.sort(order);
        for (const d of held) {
          this.outstanding++;
          this.dispatch(d);
        }
      },
      remove: () => {
        state.active = false;
        const index = this.rules.indexOf(state);
        if (index >= 0) this.rules.splice(index, 1);
      },
    };
  }

  drop(filter: DeliveryFilter, times?: number): RuleHandle {
    return this.rule({ ...filter, drop: true, ...(times !== undefined ? { times } : {}) });
  }

  duplicate(filter: DeliveryFilter, copies = 1, times?: number): RuleHandle {
    return this.rule({ ...filter, repeat: copies, ...(times !== undefined ? { times } : {}) });
  }

  delay(filter: DeliveryFilter, delayMs: number, times?: number): RuleHandle {
    return this.rule({ ...filter, delayMs, ...(times !== undefined ? { times } : {}) });
  }

  hold(filter: DeliveryFilter, times?: number): RuleHandle {
    return this.rule({ ...filter, hold: true, ...(times !== undefined ? { times } : {}) });
  }

  clearRules(): void {
    for (const r of this.rules) r.active = false;
    this.rules.length = 0;
  }

  /** Deliveries in the log matching a filter. */
  find(filter: DeliveryFilter = {}): Delivery[] {
    return this.deliveries.filter((d) => matchesFilter(d, filter));
  }

  /**
   * Queue events produced by an API request or a script action. They count as pending at once
   * (so idle() waits for them); with `after`, sending starts when that promise settles (the API
   * response has been written).
   */
  enqueue(events: SandboxEvent[], after?: Promise<unknown>): Delivery[] {
    return events.map((event) => this.enqueueOne(event, after));
  }

  private buildDelivery(name: string, payload: Json, guid: string, redelivery: boolean): Delivery {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/sandbox",
      "x-github-event": name,
      "x-github-delivery": guid,
      "x-github-hook-id": String(this.options.hookId),
      "x-github-hook-installation-target-id": String(this.options.appId),
      "x-github-hook-installation-target-type": "integration",
    };
    if (this.options.secret) {
      headers["x-hub-signature"] = sign(this.options.secret, body, "sha1");
      headers["x-hub-signature-256"] = sign(this.options.secret, body, "sha256");
    }
    const action = typeof payload.action === "string" ? payload.action : undefined;
    const delivery: Delivery = {
      seq: ++this.seq,
      guid,
      event: name,
      action,
      payload,
      body,
      headers,
      redelivery,
      state: "queued",
      attempts: [],
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  private enqueueOne(event: SandboxEvent, after?: Promise<unknown>): Delivery {
    const delivery = this.buildDelivery(event.name, event.payload, uuid(), false);
    const dispatch = (d: Delivery) => {
      if (after)
        void after.then(
          () => this.dispatch(d),
          () => this.dispatch(d),
        );
      else this.dispatch(d);
    };
    const state = this.rules.find(
      (r) => r.active && r.remaining > 0 && matchesFilter(delivery, r.rule),
    );
    if (!state) {
      this.outstanding++;
      dispatch(delivery);
      return delivery;
    }
    state.remaining--;
    state.matched.push(delivery);
    const rule = state.rule;
    if (rule.drop) {
      delivery.state = "dropped";
      this.log(`webhook ${label(delivery)} dropped by rule`);
      return delivery;
    }
    if (rule.hold) {
      delivery.state = "held";
      state.held.push(delivery);
      return delivery;
    }
    const copies = 1 + (rule.repeat ?? 0);
    for (let i = 0; i < copies; i++) {
      const copy =
        i === 0 ? delivery : this.buildDelivery(event.name, event.payload, delivery.guid, true);
      this.outstanding++;
      if (rule.delayMs) {
        copy.state = "delayed";
        const delayMs = rule.delayMs;
        const sleep =
          this.options.sleep ?? ((ms: number) => new Promise((wake) => setTimeout(wake, ms)));
        const start = () => void sleep(delayMs).then(() => this.dispatch(copy));
        if (after) void after.then(start, start);
        else start();
      } else {
        dispatch(copy);
      }
    }
    return delivery;
  }

  /** Deliver a past delivery again, with its GUID (GitHub's "Redeliver"). */
  redeliver(seqOrGuid: number | string): Delivery {
    const original = this.deliveries.find((d) =>
      typeof seqOrGuid === "number" ? d.seq === seqOrGuid : d.guid === seqOrGuid,
    );
    if (!original) throw new Error(`no delivery ${seqOrGuid}`);
    const copy = this.buildDelivery(original.event, original.payload, original.guid, true);
    this.outstanding++;
    this.dispatch(copy);
    return copy;
  }

  /** A delivery made up by the test (e.g. an event the sandbox does not emit by itself). */
  send(name: string, payload: Json): Delivery {
    return this.enqueueOne({ name, payload });
  }

  private dispatch(delivery: Delivery): void {
    const subs = this.subscriptions.filter((s) => s.active);
    if (subs.length === 0) {
      delivery.state = "done";
      this.finish();
      return;
    }
    delivery.state = "queued";
    // One outstanding unit per subscription copy.
    this.outstanding += subs.length - 1;
    for (const sub of subs) {
      sub.queue.push(delivery);
      this.pump(sub);
    }
  }

  private pump(sub: SubscriptionState): void {
    const limit = this.options.mode === "sequential" ? 1 : Number.POSITIVE_INFINITY;
    while (sub.inFlight < limit && sub.queue.length > 0) {
      const delivery = sub.queue.shift() as Delivery;
      const target = this.pickTarget(sub);
      sub.inFlight++;
      delivery.state = "sending";
      void this.send1(target, delivery).finally(() => {
        sub.inFlight--;
        delivery.state = "done";
        this.finish();
        this.pump(sub);
      });
    }
  }

  private pickTarget(sub: SubscriptionState): WebhookTarget {
    if (sub.targets.length === 1) return sub.targets[0] as WebhookTarget;
    if (sub.balance === "random")
      return sub.targets[Math.floor(Math.random() * sub.targets.length)] as WebhookTarget;
    const target = sub.targets[sub.next % sub.targets.length] as WebhookTarget;
    sub.next++;
    return target;
  }

  private async send1(target: WebhookTarget, delivery: Delivery): Promise<void> {
    const started = Date.now();
    const name = typeof target === "string" ? target : target.name || "function";
    const attempt: DeliveryAttempt = { target: name, status: null, durationMs: 0, at: started };
    delivery.attempts.push(attempt);
    try {
      if (typeof target === "string") {
        attempt.status = await this.post(target, delivery);
      } else {
        await target({
          id: delivery.guid,
          name: delivery.event,
          payload: delivery.payload,
          body: delivery.body,
          headers: { ...delivery.headers },
        });
        attempt.status = 200;
      }
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
      const status = (error as { status?: unknown }).status;
      if (typeof status === "number") attempt.status = status;
    }
    attempt.durationMs = Date.now() - started;
    this.log(
      `webhook ${label(delivery)} -> ${name} ${attempt.status ?? attempt.error ?? "?"} (${attempt.durationMs} ms)`,
    );
  }

  private post(url: string, delivery: Delivery): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            ...delivery.headers,
            "content-length": String(Buffer.byteLength(delivery.body)),
          },
          timeout: this.options.timeoutMs,
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      req.on("timeout", () =>
        req.destroy(new Error(`timed out after ${this.options.timeoutMs} ms`)),
      );
      req.on("error", reject);
      req.end(delivery.body);
    });
  }

  /** One unit of outstanding work is done. */
  private finish(): void {
    this.outstanding--;
    if (this.outstanding <= 0) {
      this.outstanding = 0;
      const waiters = this.idleWaiters.splice(0);
      for (const resolve of waiters) resolve();
    }
  }

  /** Resolves when no delivery is queued, delayed or in flight (held ones do not count). */
  waitForDeliveries(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  close(): void {
    this.agent.destroy();
  }
}

function label(d: Delivery): string {
  return d.action ? `${d.event}.${d.action}` : d.event;
}
