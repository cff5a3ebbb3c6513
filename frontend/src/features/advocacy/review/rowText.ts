/** A frozen row (or section value) as one line of text: its text fields, without its internal key. */
export function rowText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(rowText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'key' && key !== 'id')
      .map(([, field]) => rowText(field))
      .filter(Boolean)
      .join(' · ');
  }
  return '';
}

/** A frozen prose section (sanitised HTML) as the words a reader sees, one block per line. */
export function proseText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  body.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  body.querySelectorAll('p, h2, h3, li, blockquote').forEach((block) => block.append('\n'));
  return (body.textContent ?? '').trim();
}
