import type { Config } from "../../config.js";

/** The three spellings of one release: SemVer, git tag and image tag. */
export interface VersionStrings {
  /** SemVer without prefix: `1.5.0-rc.0`. */
  version: string;
  /** Git tag per `tags.format`: `v1.5.0-rc.0`. */
  tag: string;
  /** Image tag per `image.tag`: `1.5.0-rc.0`. */
  image: string;
}

/** Replaces `{version}`, `{tag}`, `{image}` and `{pep440}` in a configured format. */
export function renderFormat(format: string, strings: VersionStrings): string {
  return format
    .replaceAll("{version}", strings.version)
    .replaceAll("{tag}", strings.tag)
    .replaceAll("{image}", strings.image)
    .replaceAll("{pep440}", pep440(strings.version));
}

/** PEP 440's names of SemVer pre-release labels (https://peps.python.org/pep-0440/#pre-releases). */
const PEP440_LABELS: Record<string, string> = {
  alpha: "a",
  a: "a",
  beta: "b",
  b: "b",
  rc: "rc",
  c: "rc",
  pre: "rc",
  preview: "rc",
};

/**
 * A SemVer version as a Python package following PEP 440 spells it: `1.5.0-rc.0` → `1.5.0rc0`,
 * `1.6.0-alpha.1` → `1.6.0a1`, `1.6.0-dev.2` → `1.6.0.dev2`, `1.5.0` unchanged. A pre-release PEP
 * 440 has no name for becomes a local version (`1.5.0-foo.1` → `1.5.0+foo.1`); build metadata
 * is dropped.
 */
export function pep440(version: string): string {
  const [core = "", pre] = version.split("+", 1)[0]?.split(/-(.*)/s) ?? [];
  if (!pre) return core;
  const [label = "", number = "0", ...rest] = pre.split(".");
  const numeric = /^\d+$/.test(number) && rest.length === 0;
  const name = PEP440_LABELS[label.toLowerCase()];
  if (name !== undefined && numeric) return `${core}${name}${Number(number)}`;
  if (label.toLowerCase() === "dev" && numeric) return `${core}.dev${Number(number)}`;
  return `${core}+${pre.replace(/[^0-9A-Za-z.]/g, ".")}`;
}

/** Spells a SemVer version the ways the configuration asks for. */
export function versionStrings(
  config: Pick<Config, "tags" | "image">,
  version: string,
): VersionStrings {
  const tag = config.tags.format.replaceAll("{version}", version);
  const image = config.image.tag.replaceAll("{version}", version).replaceAll("{tag}", tag);
  return { version, tag, image };
}

/** The SemVer versions a PEP 440 `X.Y.Z`, `X.Y.ZrcN`, `X.Y.ZaN`, `X.Y.ZbN` in `text` stands for. */
export function pep440Candidates(text: string): string[] {
  const names: Record<string, string> = { a: "alpha", b: "beta", rc: "rc" };
  return [...text.matchAll(/(\d+\.\d+\.\d+)(?:(a|b|rc)(\d+))?/g)].map(([, core, label, n]) =>
    label === undefined ? (core as string) : `${core}-${names[label]}.${n}`,
  );
}
