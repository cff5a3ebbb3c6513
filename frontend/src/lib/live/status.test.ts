import { describe, expect, test } from 'vitest';
import { computeStatus, isCovered, mergeVector, terminalReason, type ConnectionFacts } from './status';

describe('saved computation', () => {
  test('saved when every client clock of the local state is covered by the server', () => {
    const saved = new Map([
      [1, 10],
      [2, 4],
    ]);
    expect(isCovered(new Map([[1, 10]]), saved)).toBe(true);
    expect(isCovered(new Map([[1, 10], [2, 3]]), saved)).toBe(true);
    expect(isCovered(new Map([[1, 11]]), saved)).toBe(false);
    expect(isCovered(new Map([[3, 1]]), saved)).toBe(false);
    expect(isCovered(new Map(), new Map())).toBe(true);
  });

  test('merging keeps the larger clock and says whether anything grew', () => {
    const into = new Map([[1, 5]]);
    expect(mergeVector(into, new Map([[1, 3]]))).toBe(false);
    expect(mergeVector(into, new Map([[1, 7], [2, 1]]))).toBe(true);
    expect([...into]).toEqual([
      [1, 7],
      [2, 1],
    ]);
  });
});

describe('status', () => {
  const base: ConnectionFacts = { terminal: null, connected: true, synced: true, lostConnection: false, mode: 'edit', unsaved: false };

  test.each<[Partial<ConnectionFacts>, string]>([
    [{}, 'saved'],
    [{ unsaved: true }, 'saving'],
    [{ connected: false }, 'connecting'],
    [{ connected: false, lostConnection: true, unsaved: true }, 'offline'],
    [{ synced: false }, 'connecting'],
    [{ mode: 'read' }, 'readOnly'],
    [{ mode: 'read', unsaved: true }, 'readOnly'],
    [{ terminal: 'denied' }, 'denied'],
    [{ terminal: 'signedOut', connected: false }, 'signedOut'],
  ])('%o -> %s', (facts, expected) => {
    expect(computeStatus({ ...base, ...facts })).toBe(expected);
  });

  test('close codes', () => {
    expect(terminalReason(4401)).toBe('signedOut');
    expect(terminalReason(4404)).toBe('denied');
    expect(terminalReason(4413)).toBe('tooLarge');
    expect(terminalReason(4400)).toBe('error');
    expect(terminalReason(1013)).toBeNull();
    expect(terminalReason(1006)).toBeNull();
  });
});
