/**
 * A tar archive of regular files whose bytes depend on the files alone: POSIX ustar headers as
 * Go's `archive/tar` writes them for `helm package` (mode 0644, uid and gid 0, no user or group
 * names, no directory entries, two zero blocks at the end, no padding to a record), with one
 * fixed modification time where Helm takes the clock's. A path ustar cannot hold (over 100
 * bytes with no `/` to split it at, or not ASCII) gets a PAX `path` record, as Go does. Pure.
 */

export interface TarFile {
  /** The path inside the archive: `operator/templates/deployment.yaml`. */
  path: string;
  bytes: Uint8Array;
}

/** 2000-01-01T00:00:00Z: every entry's time, so that the same files give the same bytes. */
export const FIXED_MTIME_SECONDS = 946_684_800;

const BLOCK = 512;

/** The archive: each file's header and its bytes padded to a block, then two zero blocks. */
export function tarArchive(files: readonly TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    const split = ustarName(file.path);
    if (split === null) {
      const record = paxRecord("path", file.path);
      parts.push(header({ name: "PaxHeaders/entry", size: record.length, type: "x" }));
      parts.push(padded(record));
    }
    const name = split ?? { name: asciiFallback(file.path), prefix: "" };
    parts.push(header({ ...name, size: file.bytes.length, type: "0" }));
    parts.push(padded(Buffer.from(file.bytes)));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** The ustar name and prefix of a path, or null when ustar cannot hold it. */
export function ustarName(path: string): { name: string; prefix: string } | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL ends a ustar field
  if (!/^[\x01-\x7f]*$/.test(path)) return null;
  if (path.length <= 100) return { name: path, prefix: "" };
  for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { name, prefix };
  }
  return null;
}

/** The name field of an entry whose real path is in its PAX record: its last 100 ASCII bytes. */
function asciiFallback(path: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: keep ASCII only
  return path.replace(/[^\x01-\x7f]/g, "_").slice(-100);
}

/** One PAX record, `<length> <key>=<value>\n`, its length counting its own digits. */
export function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  let length = bodyLength + String(bodyLength).length;
  if (String(length).length !== String(bodyLength).length) length += 1;
  return Buffer.from(`${length}${body}`);
}

/**
 * One header block. Every field is ASCII by construction (`ustarName` refuses the rest and
 * `asciiFallback` replaces it), so Buffer's default encoding writes the bytes ustar means.
 */
function header(entry: { name: string; prefix?: string; size: number; type: "0" | "x" }): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(entry.name, 0, 100);
  block.write(octal(0o644, 8), 100);
  block.write(octal(0, 8), 108);
  block.write(octal(0, 8), 116);
  block.write(octal(entry.size, 12), 124);
  block.write(octal(FIXED_MTIME_SECONDS, 12), 136);
  block.write(entry.type, 156);
  block.write("ustar\u000000", 257);
  block.write(octal(0, 8), 329);
  block.write(octal(0, 8), 337);
  block.write(entry.prefix ?? "", 345, 155);
  // The checksum is the sum of the header's bytes with its own field read as spaces.
  block.fill(" ", 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148);
  return block;
}

/** A number in octal, zero-padded, ending with a NUL: `0000644\0`. */
export function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\u0000`;
}

function padded(bytes: Buffer): Buffer {
  const rest = bytes.length % BLOCK;
  return rest === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(BLOCK - rest)]);
}
