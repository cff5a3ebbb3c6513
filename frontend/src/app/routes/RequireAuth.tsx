import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingBlock, QueryError } from '../../components/ui';
import { useMe } from '../../features/auth/hooks/useAuth';

/** Everything but the sign-in pages needs a session; without one, go to /login and come back. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingBlock />;
  if (me.isError) {
    return (
      <main className="shell-main" id="main">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
