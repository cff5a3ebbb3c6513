import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { clearSession } from '../features/auth/hooks/useAuth';
import { onUnauthorized } from '../lib/api';
import { createQueryClient } from '../lib/queryClient';

interface ProvidersProps {
  children: ReactNode;
  /** Tests pass their own client. */
  queryClient?: QueryClient;
}

export function Providers({ children, queryClient: given }: ProvidersProps) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  // A 401 from any request means the session ended (expired, signed out elsewhere):
  // forget cached data; RequireAuth then sends the person to /login.
  useEffect(() => onUnauthorized(() => clearSession(queryClient)), [queryClient]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
