/**
 * A person's colour, the same in every browser (derived from the user id, never sent): dark
 * enough for white text and for a 2px caret on white (WCAG AA against both).
 */
const PALETTE = [
  '#1f4e79', // navy
  '#9c2f2f', // brick
  '#1e6b3a', // green
  '#6a3d9a', // purple
  '#8a4b00', // brown
  '#006d77', // teal
  '#b0275f', // raspberry
  '#4a5a12', // olive
  '#2d5fb3', // blue
  '#7a3b13', // rust
  '#3f4d63', // slate
  '#8f2a8f', // magenta
];

export function colorForUser(userId: number): string {
  // Knuth's multiplicative hash spreads consecutive ids over the palette.
  const hash = Math.imul(Math.abs(Math.trunc(userId)) + 1, 2654435761) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/** Up to two letters for an avatar; works for Khmer names too (first grapheme of the first two words). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  const first = (word: string) => {
    if (segmenter) {
      const iterator = segmenter.segment(word)[Symbol.iterator]();
      const next = iterator.next();
      return next.done ? '' : next.value.segment;
    }
    return Array.from(word)[0] ?? '';
  };
  return words
    .slice(0, 2)
    .map(first)
    .join('')
    .toLocaleUpperCase();
}
