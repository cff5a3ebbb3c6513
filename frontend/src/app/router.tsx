import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { LoadingBlock } from '../components/ui';
import { useMe } from '../features/auth/hooks/useAuth';
import { ErrorBoundary } from './ErrorBoundary';
import { AppShell } from './layout/AppShell';
import { lazyPage } from './lazyPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { RequireAdmin } from './routes/RequireAdmin';
import { RequireAuth } from './routes/RequireAuth';
import { RootRedirect } from './routes/RootRedirect';
import { useCurrentWorkspace } from './routes/useCurrentWorkspace';
import { WorkspaceRoute } from './routes/WorkspaceRoute';

// Every page is its own chunk: a phone on a weak connection downloads only what it opens.
const LoginPage = lazyPage(() => import('../features/auth/components/LoginPage'), 'LoginPage');
const ForgotPasswordPage = lazyPage(() => import('../features/auth/components/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('../features/auth/components/ResetPasswordPage'), 'ResetPasswordPage');
const AccountPage = lazyPage(() => import('../features/auth/components/AccountPage'), 'AccountPage');
// Lazy with its props kept: the app composes the organisation's actions into the dashboard.
const DashboardPage = lazy(async () => ({
  default: (await import('../features/dashboard/components/DashboardPage')).DashboardPage,
}));
const MyOrganisationActions = lazy(async () => ({
  default: (await import('../features/actions/components/MyOrganisationActions')).MyOrganisationActions,
}));
const ActionsPage = lazyPage(() => import('../features/actions/components/ActionsPage'), 'ActionsPage');
const ActionPage = lazyPage(() => import('../features/actions/components/ActionPage'), 'ActionPage');
// Lazy with its props kept: the app decides from the workspace role who sees "New working group".
const GroupsPage = lazy(async () => ({ default: (await import('../features/groups/components/GroupsPage')).GroupsPage }));
const GroupPage = lazy(async () => ({ default: (await import('../features/groups/components/GroupPage')).GroupPage }));
const GroupMeetings = lazy(async () => ({
  default: (await import('../features/meetings/components/GroupMeetings')).GroupMeetings,
}));
const MeetingsPage = lazy(async () => ({
  default: (await import('../features/meetings/components/MeetingsPage')).MeetingsPage,
}));
const MeetingPage = lazy(async () => ({
  default: (await import('../features/meetings/components/MeetingPage')).MeetingPage,
}));
const LivePage = lazy(async () => ({ default: (await import('../features/live/components/LivePage')).LivePage }));
const GroupAdvocacy = lazy(async () => ({
  default: (await import('../features/advocacy/group/GroupAdvocacy')).GroupAdvocacy,
}));
const TreePage = lazy(() => import('../features/advocacy/tree/TreePage'));
const AgendaPage = lazyPage(() => import('../features/advocacy/agenda/AgendaPage'), 'AgendaPage');
const HistoryPage = lazy(async () => ({
  default: (await import('../features/advocacy/history/HistoryPage')).HistoryPage,
}));
const SubmissionReviewPage = lazyPage(() => import('../features/advocacy/review/ReviewPage'), 'ReviewPage');
const ReviewSettingsPage = lazyPage(() => import('../features/advocacy/review/ReviewSettingsPage'), 'ReviewSettingsPage');
const SubmissionDiffPage = lazyPage(() => import('../features/advocacy/review/DiffPage'), 'DiffPage');
const ReviewDashboardPage = lazyPage(() => import('../features/advocacy/review/ReviewDashboardPage'), 'ReviewDashboardPage');
const PeoplePage = lazyPage(() => import('../features/people/components/PeoplePage'), 'PeoplePage');
const OrganisationsPage = lazyPage(
  () => import('../features/organisations/components/OrganisationsPage'),
  'OrganisationsPage',
);
const ImportPage = lazyPage(() => import('../features/imports/components/ImportPage'), 'ImportPage');
const PolicySearchPage = lazy(async () => ({
  default: (await import('../features/policybank/components/PolicySearchPage')).PolicySearchPage,
}));
const PolicyDocumentPage = lazyPage(() => import('../features/policybank/components/DocumentPage'), 'DocumentPage');
const NewPolicyDocumentPage = lazyPage(
  () => import('../features/policybank/components/NewDocumentPage'),
  'NewDocumentPage',
);
const PolicyImportPage = lazyPage(() => import('../features/policybank/components/PolicyImportPage'), 'PolicyImportPage');
const AuditPage = lazyPage(() => import('../features/audit/components/AuditPage'), 'AuditPage');
const NotificationsPage = lazyPage(
  () => import('../features/notifications/components/NotificationsPage'),
  'NotificationsPage',
);

/** The dashboard, with the actions of the organisation the person represents (composed here). */
function DashboardRoute() {
  const { workspace } = useCurrentWorkspace();
  return (
    <DashboardPage
      organisationActions={
        <Suspense fallback={<LoadingBlock />}>
          <MyOrganisationActions organisation={workspace ? workspace.organisation : undefined} />
        </Suspense>
      }
    />
  );
}

function GroupsRoute() {
  const { workspace } = useCurrentWorkspace();
  return <GroupsPage canCreate={workspace?.role === 'admin' || workspace?.role === 'executive'} />;
}

/** Who may start a problem tree or an agenda: the workspace's leadership and the group's own people. */
const GROUP_WORK_ROLES = new Set(['admin', 'executive']);

/**
 * The group page shows the group's problem trees and agendas, and its meetings (composed here:
 * features never import each other).
 */
function GroupRoute() {
  const { workspace } = useCurrentWorkspace();
  return (
    <GroupPage
      renderWork={(group) => (
        <Suspense fallback={<LoadingBlock />}>
          <GroupAdvocacy
            groupId={group.id}
            canCreate={
              GROUP_WORK_ROLES.has(workspace?.role ?? '') || (workspace?.role !== 'observer' && group.my_role !== null)
            }
          />
        </Suspense>
      )}
      renderMeetings={(groupId) => (
        <Suspense fallback={<LoadingBlock />}>
          <GroupMeetings groupId={groupId} />
        </Suspense>
      )}
    />
  );
}

const SCHEDULERS = new Set(['admin', 'executive', 'facilitator']);

function MeetingsRoute() {
  const { workspace } = useCurrentWorkspace();
  const { data: me } = useMe();
  return <MeetingsPage canSchedule={SCHEDULERS.has(workspace?.role ?? '')} currentUserId={me?.id ?? null} />;
}

function MeetingRoute() {
  const { data: me } = useMe();
  return <MeetingPage currentUserId={me?.id ?? null} />;
}

/** Who may add documents to the policy bank: everyone but observers; importing a list: admins (the server decides). */
function PolicySearchRoute() {
  const { workspace } = useCurrentWorkspace();
  return (
    <PolicySearchPage
      canAdd={Boolean(workspace) && workspace?.role !== 'observer'}
      canImport={workspace?.role === 'admin'}
    />
  );
}

function LiveRoute() {
  const { data: me } = useMe();
  return <LivePage currentUserId={me?.id ?? null} />;
}

export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<LoadingBlock />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password/:uid/:token" element={<ResetPasswordPage />} />
          <Route element={<RequireAuth />}>
            <Route element={<AppShell />}>
              <Route index element={<RootRedirect />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="notifications" element={<NotificationsPage />} />
              <Route path="w/:slug" element={<WorkspaceRoute />}>
                <Route index element={<DashboardRoute />} />
                <Route path="actions" element={<ActionsPage />} />
                <Route path="actions/:actionId" element={<ActionPage />} />
                <Route path="groups" element={<GroupsRoute />} />
                <Route path="groups/:groupId" element={<GroupRoute />} />
                <Route path="meetings" element={<MeetingsRoute />} />
                <Route path="meetings/:meetingId" element={<MeetingRoute />} />
                <Route path="meetings/:meetingId/live" element={<LiveRoute />} />
                <Route path="trees/:treeId" element={<TreePage />} />
                <Route path="trees/:treeId/history" element={<HistoryPage kind="tree" />} />
                <Route path="agendas/:agendaId" element={<AgendaPage />} />
                <Route path="agendas/:agendaId/history" element={<HistoryPage kind="agenda" />} />
                <Route path="reviews" element={<ReviewDashboardPage />} />
                <Route path="review-settings" element={<ReviewSettingsPage />} />
                <Route path="agendas/:agendaId/submissions/:number" element={<SubmissionReviewPage />} />
                <Route path="agendas/:agendaId/submissions/:number/diff" element={<SubmissionDiffPage />} />
                <Route path="policy" element={<PolicySearchRoute />} />
                <Route path="policy/new" element={<NewPolicyDocumentPage />} />
                <Route path="policy/import" element={<RequireAdmin />}>
                  <Route index element={<PolicyImportPage />} />
                </Route>
                <Route path="policy/documents/:documentId" element={<PolicyDocumentPage />} />
                <Route path="admin" element={<RequireAdmin />}>
                  <Route path="people" element={<PeoplePage />} />
                  <Route path="organisations" element={<OrganisationsPage />} />
                  <Route path="import" element={<ImportPage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                <Route path="*" element={<NotFoundPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
