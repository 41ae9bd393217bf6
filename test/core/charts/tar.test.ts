import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  FIXED_MTIME_SECONDS,
  octal,
  paxRecord,
  tarArchive,
  ustarName,
} from "../../../src/core/charts/tar.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** GNU tar's own reading of the archive: `tar -tv` lines and the extracted files. */
function gnuTar(archive: Buffer): { listing: string[]; read: (path: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), "tar-test-"));
  dirs.push(dir);
  const file = join(dir, "a.tar");
  writeFileSync(file, archive);
  const listing = execFileSync("tar", ["-tvf", file, "--utc"], { encoding: "utf8" })
    .trim()
    .split("\n");
  execFileSync("tar", ["-xf", file, "-C", dir]);
  return { listing, read: (path) => readFileSync(join(dir, path), "utf8") };
}

const field = (block: Buffer, start: number, length: number) =>
  block.subarray(start, start + length).toString("latin1");

describe("tarArchive", () => {
  it("writes ustar headers as Helm's packager does, with one fixed time", () => {
    const archive = tarArchive([{ path: "operator/Chart.yaml", bytes: Buffer.from("name: x\n") }]);
    const header = archive.subarray(0, 512);
    expect(field(header, 0, 19)).toBe("operator/Chart.yaml");
    expect(header[19]).toBe(0);
    expect(field(header, 100, 8)).toBe("0000644\0");
    expect(field(header, 108, 8)).toBe("0000000\0");
    expect(field(header, 116, 8)).toBe("0000000\0");
    expect(field(header, 124, 12)).toBe("00000000010\0");
    expect(field(header, 136, 12)).toBe("07033241600\0");
    expect(FIXED_MTIME_SECONDS).toBe(Date.UTC(2000, 0, 1) / 1000);
    expect(field(header, 156, 1)).toBe("0");
    expect(field(header, 257, 8)).toBe("ustar\u000000");
    expect(field(header, 265, 64)).toBe("\0".repeat(64));
    expect(field(header, 329, 16)).toBe("0000000\u00000000000\0");
    let sum = 0;
    for (const [i, byte] of header.entries()) sum += i >= 148 && i < 156 ? 32 : byte;
    expect(field(header, 148, 8)).toBe(`${sum.toString(8).padStart(6, "0")}\0 `);
    // The bytes, padded to a block, then two zero blocks and nothing more.
    expect(archive.subarray(512, 520).toString()).toBe("name: x\n");
    expect(archive.subarray(520, 1024).every((b) => b === 0)).toBe(true);
    expect(archive).toHaveLength(512 * 4);
    expect(archive.subarray(1024).every((b) => b === 0)).toBe(true);
  });

  it("gives GNU tar regular files of mode 0644, owner 0/0, the fixed date, in order", () => {
    const archive = tarArchive([
      { path: "c/Chart.yaml", bytes: Buffer.from("a") },
      { path: "c/templates/x.yaml", bytes: Buffer.alloc(512, 120) },
      { path: "c/empty", bytes: Buffer.alloc(0) },
    ]);
    expect(archive).toHaveLength(512 * (2 + 2 + 1 + 2));
    const tar = gnuTar(archive);
    expect(tar.listing).toEqual([
      "-rw-r--r-- 0/0               1 2000-01-01 00:00 c/Chart.yaml",
      "-rw-r--r-- 0/0             512 2000-01-01 00:00 c/templates/x.yaml",
      "-rw-r--r-- 0/0               0 2000-01-01 00:00 c/empty",
    ]);
    expect(tar.read("c/templates/x.yaml")).toBe("x".repeat(512));
  });

  it("splits a long path into prefix and name, and gives PAX records to the rest", () => {
    const long = `c/${"d".repeat(120)}/file.yaml`;
    const unsplittable = `c/${"e".repeat(101)}`;
    const unicode = "c/templates/café.yaml";
    const archive = tarArchive([
      { path: long, bytes: Buffer.from("1") },
      { path: unsplittable, bytes: Buffer.from("2") },
      { path: unicode, bytes: Buffer.from("3") },
    ]);
    const tar = gnuTar(archive);
    expect(tar.listing.map((line) => line.split(" ").pop())).toEqual([long, unsplittable, unicode]);
    expect(tar.read(long)).toBe("1");
    expect(tar.read(unsplittable)).toBe("2");
    expect(tar.read(unicode)).toBe("3");
    // The first header holds the split path; the second is a PAX header.
    expect(field(archive, 345, 123)).toBe(`c/${"d".repeat(120)}\0`);
    expect(field(archive, 0, 10)).toBe("file.yaml\0");
    expect(field(archive, 1024 + 156, 1)).toBe("x");
  });

  it("names a PAX entry as Go does and gives its file the last 100 ASCII bytes of the path", () => {
    // No slash splits it: its last segment alone is over 100 bytes.
    const unsplittable = `c/${"e".repeat(100)}z`;
    const archive = tarArchive([
      { path: unsplittable, bytes: Buffer.from("1") },
      { path: "c/templates/café.yaml", bytes: Buffer.from("2") },
    ]);
    const blocks = (index: number) => archive.subarray(512 * index, 512 * (index + 1));
    // PAX header, its record, the file's header, its bytes; then the same for the second file.
    for (const [pax, file, name] of [
      [0, 2, `${"e".repeat(99)}z`],
      [4, 6, "c/templates/caf_.yaml"],
    ] as const) {
      expect(field(blocks(pax), 0, 17)).toBe("PaxHeaders/entry\0");
      expect(field(blocks(pax), 345, 155)).toBe("\0".repeat(155));
      expect(field(blocks(file), 0, 100).replace(/\0+$/, "")).toBe(name);
      expect(field(blocks(file), 345, 155)).toBe("\0".repeat(155));
    }
    expect(archive).toHaveLength(512 * (8 + 2));
  });

  it("is the same bytes for the same files", () => {
    const files = [{ path: "a/b", bytes: Buffer.from("x") }];
    expect(tarArchive(files).equals(tarArchive(files))).toBe(true);
  });
});

describe("ustarName", () => {
  it("keeps a path of 100 bytes whole and splits a longer one at the last fitting slash", () => {
    const hundred = "a".repeat(100);
    expect(ustarName(hundred)).toEqual({ name: hundred, prefix: "" });
    expect(ustarName(`p/${hundred}`)).toEqual({ name: hundred, prefix: "p" });
    expect(ustarName(`${"p".repeat(155)}/n`)).toEqual({ name: "n", prefix: "p".repeat(155) });
    expect(ustarName(`${"p".repeat(156)}/n`)).toBeNull();
    expect(ustarName(`p/${"n".repeat(101)}`)).toBeNull();
    expect(ustarName(`${"a".repeat(101)}/`)).toBeNull();
    expect(ustarName("é")).toBeNull();
    // 101 bytes: the only split is at the slash, never before the first byte.
    expect(ustarName(`${"a".repeat(99)}/b`)).toEqual({ name: "b", prefix: "a".repeat(99) });
  });
});

describe("paxRecord and octal", () => {
  it("counts a record's length with its own digits", () => {
    expect(paxRecord("path", "a").toString()).toBe("9 path=a\n");
    expect(paxRecord("path", "ab").toString()).toBe("11 path=ab\n");
    expect(paxRecord("path", "a".repeat(89)).toString()).toBe(`98 path=${"a".repeat(89)}\n`);
    expect(paxRecord("path", "a".repeat(90)).toString()).toBe(`99 path=${"a".repeat(90)}\n`);
    expect(paxRecord("path", "a".repeat(91)).toString()).toBe(`101 path=${"a".repeat(91)}\n`);
    expect(paxRecord("path", "a".repeat(92)).toString()).toBe(`102 path=${"a".repeat(92)}\n`);
    expect(paxRecord("path", "é").toString()).toBe("11 path=é\n");
  });

  it("writes zero-padded octal ending with a NUL", () => {
    expect(octal(0o644, 8)).toBe("0000644\0");
    expect(octal(8, 12)).toBe("00000000010\0");
  });
});
