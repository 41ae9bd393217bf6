/** A git identity as a `Signed-off-by:` line names it. */
export interface Signer {
  name: string;
  email: string;
}

/** `Key: value` lines git counts as trailers. */
const TRAILER = /^[A-Za-z][A-Za-z0-9-]*: \S/;

/**
 * The message with a `Signed-off-by:` line for the signer as its last line (the Developer
 * Certificate of Origin check reads it). A message ending in trailers gets it in the same block,
 * any other message a new paragraph; a message already signed off by the signer is unchanged.
 */
export function withSignoff(message: string, signer: Signer): string {
  const line = `Signed-off-by: ${signer.name} <${signer.email}>`;
  const trimmed = message.replace(/\s+$/, "");
  if (trimmed.split("\n").includes(line)) return `${trimmed}\n`;
  // The subject is never a trailer block, even when it reads `fix: something`.
  const paragraphs = trimmed.split(/\n\s*\n/);
  const last = paragraphs.at(-1) as string;
  const endsInTrailers =
    paragraphs.length > 1 && last.split("\n").every((entry) => TRAILER.test(entry));
  return `${trimmed}${endsInTrailers ? "\n" : "\n\n"}${line}\n`;
}
