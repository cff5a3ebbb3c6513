import { describe, expect, test, vi } from 'vitest';
import { json, mockApi, requestsOf } from '../test/http';
import { api, ApiError, formErrors, normaliseError, onUnauthorized, toPage, unwrap } from './api';
import i18n from './i18n';

describe('normaliseError', () => {
  test('uses the server detail as the message', () => {
    const error = normaliseError(400, { detail: 'The e-mail address or password is not correct.' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.detail).toBe('The e-mail address or password is not correct.');
    expect(error.message).toBe('The e-mail address or password is not correct.');
    expect(error.fieldErrors).toEqual({});
  });

  test('keeps field errors per field and non-field errors apart', () => {
    const error = normaliseError(400, {
      email: ['Enter a valid e-mail address.'],
      display_name: ['This field is required.', 'Too short.'],
      non_field_errors: ['This person is already a member.'],
    });
    expect(error.fieldErrors).toEqual({
      email: ['Enter a valid e-mail address.'],
      display_name: ['This field is required.', 'Too short.'],
    });
    expect(error.nonFieldErrors).toEqual(['This person is already a member.']);
    expect(error.message).toBe('This person is already a member.');
  });

  test('accepts a bare string per field and nested errors', () => {
    const error = normaliseError(400, { file: 'Too large.', organisation: { id: ['Unknown organisation.'] } });
    expect(error.fieldErrors).toEqual({ file: ['Too large.'], organisation: ['Unknown organisation.'] });
    expect(error.message).toBe('Too large.');
  });

  test('treats a bare list as non-field errors', () => {
    const error = normaliseError(400, ['Nothing to import.']);
    expect(error.nonFieldErrors).toEqual(['Nothing to import.']);
    expect(error.message).toBe('Nothing to import.');
  });

  test('gives a translated fallback when the body is not DRF JSON', async () => {
    expect(normaliseError(502, '<html>Bad gateway</html>').message).toBe(
      'Something went wrong on the server. Please try again in a moment.',
    );
    expect(normaliseError(0, null).message).toMatch(/Cannot reach Roundtable/);
    await i18n.changeLanguage('km');
    expect(normaliseError(500, null).message).toBe('មានបញ្ហានៅលើម៉ាស៊ីនមេ។ សូមព្យាយាមម្តងទៀតក្នុងពេលបន្តិចទៀត។');
  });
});

describe('formErrors', () => {
  test('puts known fields next to their inputs and everything else in the alert', () => {
    const error = normaliseError(400, {
      detail: 'Could not invite.',
      email: ['Already invited.'],
      uid: ['Invalid link.'],
    });
    expect(formErrors(error, ['email', 'password'] as const)).toEqual({
      fields: { email: 'Already invited.' },
      general: ['Could not invite.', 'Invalid link.'],
    });
  });

  test('is empty without an error and generic for a non-API error', () => {
    expect(formErrors(null, ['email'] as const)).toEqual({ fields: {}, general: [] });
    expect(formErrors(new Error('boom'), ['email'] as const).general).toEqual(['Something went wrong. Please try again.']);
  });
});

describe('the API client', () => {
  test('sends the UI language, the CSRF token on unsafe methods and same-origin credentials', async () => {
    await i18n.changeLanguage('km');
    const fetchSpy = mockApi([
      { method: 'GET', path: '/api/auth/me/', respond: json(401, { detail: 'Not signed in.' }) },
      { method: 'POST', path: '/api/auth/logout/', respond: json(204) },
    ]);
    await expect(unwrap(api.GET('/api/auth/me/'))).rejects.toMatchObject({ status: 401 });
    await unwrap(api.POST('/api/auth/logout/'));
    const [get, post] = requestsOf(fetchSpy);
    expect(get.headers.get('Accept-Language')).toBe('km');
    expect(get.headers.get('X-CSRFToken')).toBeNull();
    expect(get.credentials).toBe('same-origin');
    expect(post.headers.get('Accept-Language')).toBe('km');
    expect(post.headers.get('X-CSRFToken')).toBe('test-csrf-token');
  });

  test('fetches the CSRF cookie first when it is missing', async () => {
    document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    const fetchSpy = mockApi([
      {
        method: 'GET',
        path: '/api/auth/csrf/',
        respond: () => {
          document.cookie = 'csrftoken=fresh-token; path=/';
          return json(204);
        },
      },
      { method: 'POST', path: '/api/notifications/read-all/', respond: json(204) },
    ]);
    await unwrap(api.POST('/api/notifications/read-all/'));
    const urls = fetchSpy.mock.calls.map(([input]) => new URL(input instanceof Request ? input.url : String(input)).pathname);
    expect(urls).toEqual(['/api/auth/csrf/', '/api/notifications/read-all/']);
    expect(requestsOf(fetchSpy)[1].headers.get('X-CSRFToken')).toBe('fresh-token');
  });

  test('turns an error response into an ApiError carrying the field errors', async () => {
    mockApi([
      {
        method: 'POST',
        path: '/api/auth/password/change/',
        respond: json(400, { old_password: ['Your current password is not correct.'] }),
      },
    ]);
    const failure = unwrap(api.POST('/api/auth/password/change/', { body: { old_password: 'x', new_password: 'y' } }));
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      status: 400,
      fieldErrors: { old_password: ['Your current password is not correct.'] },
    });
  });

  test('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(unwrap(api.GET('/api/notifications/unread-count/'))).rejects.toMatchObject({
      status: 0,
      isNetworkError: true,
    });
  });

  test('tells listeners when the session has ended (401)', async () => {
    mockApi([{ method: 'GET', path: '/api/notifications/unread-count/', respond: json(401, { detail: 'Signed out.' }) }]);
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    await expect(unwrap(api.GET('/api/notifications/unread-count/'))).rejects.toMatchObject({ status: 401 });
    stop();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('toPage', () => {
  test('passes a DRF page through and wraps a bare array', () => {
    expect(toPage({ count: 3, next: '/x?page=2', previous: null, results: [1] })).toEqual({
      count: 3,
      next: '/x?page=2',
      previous: null,
      results: [1],
    });
    expect(toPage([1, 2])).toEqual({ count: 2, next: null, previous: null, results: [1, 2] });
  });
});
