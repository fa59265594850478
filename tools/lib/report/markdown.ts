/** Markdown-safe inline code on one line. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\n/g, " ")}\``;
}

/** A fenced block that nothing inside can close, cut at max characters. */
export function fenced(text: string, max = 4000): string {
  const body = text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;
  return `\`\`\`text\n${body.replace(/```/g, "ʼʼʼ")}\n\`\`\``;
}

/**
 * Table-safe text on one line, inert: no links, images, HTML or @-mentions, since a fork's
 * documents can put any text here.
 */
export function cell(text: string): string {
  return text
    .replace(/[\\|[\]]/g, (c) => `\\${c}`)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}
