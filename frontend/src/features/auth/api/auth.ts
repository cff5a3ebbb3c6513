import { api, ApiError, unwrap, type ApiBody, type ApiData } from '../../../lib/api';
import { meQueryKey } from '../../../lib/queryKeys';

export type Me = ApiData<'/api/auth/me/', 'get'>;
export type MeUpdate = ApiBody<'/api/auth/me/', 'patch'>;
export type LoginInput = ApiBody<'/api/auth/login/', 'post'>;
export type PasswordChangeInput = ApiBody<'/api/auth/password/change/', 'post'>;
export type PasswordResetConfirmInput = ApiBody<'/api/auth/password/reset/confirm/', 'post'>;

export const authKeys = {
  me: meQueryKey,
};

/** The signed-in person, or null when nobody is signed in. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await unwrap(api.GET('/api/auth/me/', { signal }));
  } catch (error) {
    // DRF answers 403 instead of 401 for anonymous requests when no
    // authentication class sends a WWW-Authenticate header: both mean "signed out".
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function login(body: LoginInput): Promise<Me> {
  return unwrap(api.POST('/api/auth/login/', { body }));
}

export async function logout(): Promise<void> {
  await unwrap(api.POST('/api/auth/logout/'));
}

export function updateMe(body: MeUpdate): Promise<Me> {
  return unwrap(api.PATCH('/api/auth/me/', { body }));
}

export async function changePassword(body: PasswordChangeInput): Promise<void> {
  await unwrap(api.POST('/api/auth/password/change/', { body }));
}

export async function requestPasswordReset(email: string): Promise<void> {
  await unwrap(api.POST('/api/auth/password/reset/', { body: { email } }));
}

export async function confirmPasswordReset(body: PasswordResetConfirmInput): Promise<void> {
  await unwrap(api.POST('/api/auth/password/reset/confirm/', { body }));
}
