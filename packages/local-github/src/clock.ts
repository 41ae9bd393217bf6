/**
 * The local GitHub's clock, which a test steps: `clock.advance(ms)` moves every timestamp the
 * local GitHub makes from then on (commit, tag and comment dates, `created_at`, check runs) and
 * wakes whoever sleeps on it, so a test makes "ten minutes later" happen without waiting ten
 * minutes. It runs on real time unless frozen, so what nobody steps still moves as it would.
 *
 * The same object is a clock for the bot (`now()`, `sleep(ms)`): given to both, the bot's leases
 * and staleness limits see the time the local GitHub stamps.
 */
export interface ClockOptions {
  /** Where time starts (default: now). */
  start?: Date | string | number;
  /** Time moves only when advanced (default false: real time plus what was advanced). */
  frozen?: boolean;
}

interface Sleeper {
  until: number;
  wake(): void;
  timer: NodeJS.Timeout | null;
}

export class SteppableClock {
  private readonly origin: number;
  private readonly realOrigin: number;
  private readonly frozen: boolean;
  private stepped = 0;
  private readonly sleepers = new Set<Sleeper>();

  constructor(options: ClockOptions = {}) {
    this.realOrigin = Date.now();
    this.origin = options.start === undefined ? this.realOrigin : new Date(options.start).getTime();
    if (Number.isNaN(this.origin))
      throw new Error(`clock start ${String(options.start)} is no date`);
    this.frozen = options.frozen ?? false;
  }

  /** Milliseconds since the epoch on this clock (as `Date.now()`). */
  now(): number {
    const real = this.frozen ? 0 : Date.now() - this.realOrigin;
    return this.origin + real + this.stepped;
  }

  /** The time on this clock as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** How far the clock was stepped in all. */
  get advancedMs(): number {
    return this.stepped;
  }

  /**
   * Moves time forward by `ms` at once. Sleepers whose time has come wake; the returned promise
   * settles after they ran up to their next wait.
   */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new Error(`a clock only moves forward: advance(${ms})`);
    }
    this.stepped += ms;
    this.wakeDue();
    // Let the woken continue before the caller looks at what they did.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Resolves once `ms` have passed on this clock: by real time, or sooner by `advance`. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = {
        until: this.now() + ms,
        wake: () => {
          if (sleeper.timer) clearTimeout(sleeper.timer);
          this.sleepers.delete(sleeper);
          resolve();
        },
        timer: null,
      };
      if (ms <= 0) return sleeper.wake();
      this.sleepers.add(sleeper);
      // Frozen, only `advance` moves time; else `ms` of real time passing wakes it too.
      if (!this.frozen) sleeper.timer = setTimeout(sleeper.wake, ms);
    });
  }

  /** How many are asleep on this clock (a test can step once the bot waits). */
  get sleeping(): number {
    return this.sleepers.size;
  }

  private wakeDue(): void {
    const now = this.now();
    for (const sleeper of [...this.sleepers]) if (sleeper.until <= now) sleeper.wake();
  }
}

/** What `startSandbox({ clock })` takes: a clock, or (as before) a function giving the time. */
export type ClockInput = SteppableClock | (() => Date);

/**
 * A steppable clock over a function of time: `advance` adds to what the function says. Tests that
 * set the local GitHub's time by a function keep working; nothing can sleep on it but real time.
 */
export class FunctionClock extends SteppableClock {
  constructor(private readonly source: () => Date) {
    super();
  }

  override now(): number {
    return this.source().getTime() + this.advancedMs;
  }
}

export function toClock(input: ClockInput | undefined): SteppableClock {
  if (input === undefined) return new SteppableClock();
  return input instanceof SteppableClock ? input : new FunctionClock(input);
}
