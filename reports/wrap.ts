/**
 * Wraps plain text at spaces to lines of at most `width` characters; the first line starts with `first`, the rest
 * with as many spaces. A `backtick-quoted` command stays on one line where it fits (it is meant to be copied); a word
 * longer than a line is cut, so no line is ever wider.
 */
export function wrapText(text: string, width: number, first = ''): string[] {
  const indent = ' '.repeat(first.length);
  const room = width - first.length;
  const words = (text.match(/(`[^`]*`|[^\s`])+/g) ?? []).flatMap((word) => {
    const pieces: string[] = [];
    for (let at = 0; at < word.length; at += room) pieces.push(word.slice(at, at + room));
    return pieces;
  });
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length > 0 && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line.length === 0 ? word : `${line} ${word}`;
  }
  if (line.length > 0) lines.push(line);
  return lines.map((text, index) => `${index === 0 ? first : indent}${text}`);
}
