import { api, fetchMe, unwrap, type ApiBody, type ApiData } from '../../../lib/api';
import { meQueryKey } from '../../../lib/queryKeys';

export { fetchMe };

export type Me = ApiData<'/api/auth/me/', 'get'>;
export type MeUpdate = ApiBody<'/api/auth/me/', 'patch'>;
export type LoginInput = ApiBody<'/api/auth/login/', 'post'>;
export type PasswordChangeInput = ApiBody<'/api/auth/password/change/', 'post'>;
export type PasswordResetConfirmInput = ApiBody<'/api/auth/password/reset/confirm/', 'post'>;

export const authKeys = {
  me: meQueryKey,
};


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
