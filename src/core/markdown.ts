/**
 * User text shown as inline code in a reply: backticks and line breaks cannot break out of it,
 * and a pasted novel is cut short.
 */
export function inlineCode(text: string, max = 60): string {
  const flat = text.replace(/[`\r\n]/g, " ");
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return `\`${cut}\``;
}
