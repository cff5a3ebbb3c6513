import { describe, expect, test } from 'vitest';
import { safeNextPath } from './useSafeNext';

describe('safeNextPath', () => {
  test('keeps an in-app path with its query and fragment', () => {
    expect(safeNextPath('/w/x/?a=1#b')).toBe('/w/x/?a=1#b');
    expect(safeNextPath('/account')).toBe('/account');
  });

  test.each([
    ['nothing', null],
    ['an empty value', ''],
    ['a protocol-relative URL', '//evil.com'],
    ['an absolute URL', 'https://evil.com'],
    ['a tab the browser drops (next=/%09/evil.com)', new URLSearchParams('next=/%09/evil.com').get('next')],
    ['a newline the browser drops', '/\n/evil.com'],
    ['a backslash the browser reads as a slash', '/\\evil.com'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['the login page itself', '/login?next=/account'],
  ])('falls back to / for %s', (_label, value) => {
    expect(safeNextPath(value)).toBe('/');
  });
});
