import { endsWithTrailerBlock } from "./trailers.js";

/** A git identity as a `Signed-off-by:` line names it. */
export interface Signer {
  name: string;
  email: string;
}

/**
 * The message with a `Signed-off-by:` line for the signer as its last line (the Developer
 * Certificate of Origin check reads it), placed as `git commit -s` places it: in the trailer
 * block the message ends with (git's rules, `trailers.ts`), else in a new paragraph. A message
 * already signed off by the signer is unchanged.
 */
export function withSignoff(message: string, signer: Signer): string {
  const line = `Signed-off-by: ${signer.name} <${signer.email}>`;
  const text = `${message.replace(/\s+$/, "")}\n`;
  if (text.split("\n").includes(line)) return text;
  return `${text}${endsWithTrailerBlock(text) ? "" : "\n"}${line}\n`;
}
