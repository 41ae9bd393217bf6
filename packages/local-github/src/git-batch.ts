import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/** Try to take one response off the front of `buffer`; null = need more bytes. */
export type ResponseParser<T> = (buffer: Buffer) => { consumed: number; value: T } | null;

interface Pending {
  parse: ResponseParser<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A long-running git process that answers one request per input, in order
 * (`cat-file --batch-command`, `mktree --batch`, `hash-object --stdin-paths`). Saves a process
 * spawn per object read/write. Restarted on the next request if it dies.
 */
export class PersistentGit {
  private child: ChildProcessWithoutNullStreams | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly queue: Pending[] = [];
  private stderr = "";
  private closed = false;

  constructor(
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn("git", this.args, { env: this.env, stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
    const fail = (error: unknown) => {
      if (this.child !== child) return;
      this.child = null;
      const pending = this.queue.splice(0);
      const err =
        error instanceof Error
          ? error
          : new Error(`git ${this.args.join(" ")} exited: ${this.stderr.trim() || String(error)}`);
      for (const p of pending) p.reject(err);
    };
    child.on("error", fail);
    child.on("exit", (code) => fail(`code ${code}`));
    child.stdin.on("error", () => {
      // reported through "exit"
    });
    this.setRef(child, false);
    return child;
  }

  /** Keep the event loop alive only while a request is waiting for git. */
  private setRef(child: ChildProcessWithoutNullStreams, ref: boolean): void {
    const method = ref ? "ref" : "unref";
    child[method]();
    for (const stream of [child.stdout, child.stderr, child.stdin]) {
      (stream as unknown as Record<string, (() => void) | undefined>)[method]?.();
    }
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0] as Pending;
      const result = head.parse(this.buffer);
      if (!result) return;
      this.queue.shift();
      this.buffer = this.buffer.subarray(result.consumed);
      head.resolve(result.value);
    }
    if (this.queue.length === 0 && this.child) this.setRef(this.child, false);
  }

  /** Send one request and parse its response. */
  request<T>(input: string | Buffer, parse: ResponseParser<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("git process closed"));
    const child = this.start();
    this.setRef(child, true);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ parse, resolve: resolve as (v: unknown) => void, reject });
      child.stdin.write(input);
    });
  }

  /** Several requests written at once (one pipe write), answered in order. */
  requestMany<T>(inputs: string[], parse: ResponseParser<T>): Promise<T[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    if (this.closed) return Promise.reject(new Error("git process closed"));
    const child = this.start();
    this.setRef(child, true);
    const promises = inputs.map(
      (_input) =>
        new Promise<T>((resolve, reject) => {
          this.queue.push({ parse, resolve: resolve as (v: unknown) => void, reject });
        }),
    );
    child.stdin.write(inputs.join(""));
    return Promise.all(promises);
  }

  close(): void {
    this.closed = true;
    const child = this.child;
    this.child = null;
    if (child) {
      child.stdin.end();
      child.kill();
    }
    for (const p of this.queue.splice(0)) p.reject(new Error("git process closed"));
  }
}

/** One `\n`-terminated line. */
export const lineParser: ResponseParser<string> = (buffer) => {
  const nl = buffer.indexOf(0x0a);
  if (nl < 0) return null;
  return { consumed: nl + 1, value: buffer.subarray(0, nl).toString("utf8") };
};

/** `count` `\n`-terminated lines. */
export function linesParser(count: number): ResponseParser<string[]> {
  return (buffer) => {
    const lines: string[] = [];
    let pos = 0;
    for (let i = 0; i < count; i++) {
      const nl = buffer.indexOf(0x0a, pos);
      if (nl < 0) return null;
      lines.push(buffer.subarray(pos, nl).toString("utf8"));
      pos = nl + 1;
    }
    return { consumed: pos, value: lines };
  };
}

export interface BatchObject {
  sha: string;
  type: string;
  size: number;
  data?: Buffer;
}

/** `cat-file --batch-command` "info": `<oid> <type> <size>` or `<name> missing`. */
export const infoParser: ResponseParser<BatchObject | null> = (buffer) => {
  const line = lineParser(buffer);
  if (!line) return null;
  const parts = line.value.split(" ");
  if (parts.length !== 3 || parts[1] === "missing" || parts[1] === "ambiguous") {
    return { consumed: line.consumed, value: null };
  }
  return {
    consumed: line.consumed,
    value: { sha: parts[0] as string, type: parts[1] as string, size: Number(parts[2]) },
  };
};

/** `cat-file --batch-command` "contents": the info line, then `size` bytes and a newline. */
export const contentsParser: ResponseParser<BatchObject | null> = (buffer) => {
  const info = infoParser(buffer);
  if (!info) return null;
  if (!info.value) return info;
  const end = info.consumed + info.value.size;
  if (buffer.length < end + 1) return null;
  return {
    consumed: end + 1,
    value: { ...info.value, data: Buffer.from(buffer.subarray(info.consumed, end)) },
  };
};
