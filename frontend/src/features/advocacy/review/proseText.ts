/** A frozen prose section (sanitised HTML) as the words a reader sees, one block per line. */
export function proseText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  body.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  body.querySelectorAll('p, h2, h3, li, blockquote').forEach((block) => block.append('\n'));
  return (body.textContent ?? '').trim();
}
