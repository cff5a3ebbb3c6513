import { api, fetchMe, unwrap, type ApiBody, type ApiData } from '../../../lib/api';
import { meQueryKey } from '../../../lib/queryKeys';

export { fetchMe };

export type Me = ApiData<'/api/auth/me/', 'get'>;
export type MeUpdate = ApiBody<'/api/auth/me/', 'patch'>;
export type LoginInput = ApiBody<'/api/auth/login/', 'post'>;
export type PasswordChangeInput = ApiBody<'/api/auth/password/change/', 'post'>;
export type PasswordResetConfirmInput = ApiBody<'/api/auth/password/reset/confirm/', 'post'>;
export type NotificationSettings = ApiData<'/api/auth/me/notification-settings/', 'get'>;
export type NotificationEmail = NotificationSettings['notification_email'];
export type NotificationSettingsUpdate = ApiBody<'/api/auth/me/notification-settings/', 'patch'>;

/** In the order the account page offers them. */
export const NOTIFICATION_EMAIL_CHOICES = [
  'immediate',
  'daily',
  'none',
] as const satisfies readonly NotificationEmail[];

export const authKeys = {
  me: meQueryKey,
  // Not under meQueryKey's 'auth' prefix: clearSession and login keep 'auth' queries across a
  // change of person, and one person's settings must not be shown to the next.
  notificationSettings: ['account', 'notification-settings'] as const,
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

export function fetchNotificationSettings(signal?: AbortSignal): Promise<NotificationSettings> {
  return unwrap(api.GET('/api/auth/me/notification-settings/', { signal }));
}

export function updateNotificationSettings(body: NotificationSettingsUpdate): Promise<NotificationSettings> {
  return unwrap(api.PATCH('/api/auth/me/notification-settings/', { body }));
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
