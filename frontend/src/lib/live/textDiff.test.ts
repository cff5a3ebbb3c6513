import { describe, expect, test } from 'vitest';
import { diffText, mapEdit, mapPosition } from './textDiff';

describe('diffText', () => {
  test('finds the one replaced range', () => {
    expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(diffText('hello world', 'hello')).toEqual({ index: 5, remove: 6, insert: '' });
    expect(diffText('hello world', 'hello x', 7)).toEqual({ index: 6, remove: 5, insert: 'x' });
    expect(diffText('same', 'same')).toBeNull();
  });

  test('the caret decides where a repeated letter went', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, remove: 1, insert: '' });
  });

  test('Khmer text is diffed by code unit without breaking it', () => {
    expect(diffText('កុមារ', 'កុមារពិការ')).toEqual({ index: 5, remove: 0, insert: 'ពិការ' });
  });

  test('never splits a surrogate pair', () => {
    const edit = diffText('a😀b', 'a😃b')!;
    expect(edit.index).toBe(1);
    expect(edit.remove).toBe(2);
    expect(edit.insert).toBe('😃');
  });
});

describe('mapPosition', () => {
  test('moves positions past text inserted and deleted before them', () => {
    expect(mapPosition(5, [{ retain: 2 }, { insert: 'ab' }])).toBe(7);
    expect(mapPosition(1, [{ retain: 2 }, { insert: 'ab' }])).toBe(1);
    expect(mapPosition(2, [{ retain: 2 }, { insert: 'ab' }], -1)).toBe(2);
    expect(mapPosition(2, [{ retain: 2 }, { insert: 'ab' }], 1)).toBe(4);
    expect(mapPosition(5, [{ retain: 1 }, { delete: 3 }])).toBe(2);
    expect(mapPosition(2, [{ retain: 1 }, { delete: 3 }])).toBe(1);
  });

  test('an edit made on an older text lands at the same words', () => {
    // We replaced "cat" (index 4) while someone inserted "big " at 0.
    expect(mapEdit({ index: 4, remove: 3, insert: 'dog' }, [{ insert: 'big ' }])).toEqual({ index: 8, remove: 3, insert: 'dog' });
  });
});
