import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from '../../lib/events';

function subscribeOnline(callback: () => void) {
  window.addEventListener('online', callback);
  window.addEventListener('offline', callback);
  return () => {
    window.removeEventListener('online', callback);
    window.removeEventListener('offline', callback);
  };
}

/** Tells people on a weak connection why the page is not updating by itself. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const status = useConnectionStatus();
  let message: string | null = null;
  if (!online) message = t('connection.offline');
  else if (status === 'reconnecting') message = t('connection.reconnecting');
  return (
    <div role="status" aria-live="polite">
      {message && <p className="connection-banner">{message}</p>}
    </div>
  );
}
