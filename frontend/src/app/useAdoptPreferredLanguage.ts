import { useEffect, useRef } from 'react';
import { useMe } from '../features/auth/hooks/useAuth';
import { isLanguage, setLanguage } from '../lib/i18n';

/**
 * When a session starts (page load while signed in, or sign-in), the UI takes
 * the person's saved language, so it follows them from device to device.
 */
export function useAdoptPreferredLanguage(): void {
  const { data: me } = useMe();
  const adoptedFor = useRef<number | null>(null);
  useEffect(() => {
    if (!me) {
      adoptedFor.current = null;
      return;
    }
    if (adoptedFor.current === me.id) return;
    adoptedFor.current = me.id;
    if (isLanguage(me.preferred_language)) void setLanguage(me.preferred_language);
  }, [me]);
}
