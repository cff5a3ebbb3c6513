import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  EmptyState,
  LoadingBlock,
  PageHeader,
  PagedTable, QueryError,
  Select,
  TextField,
  type Column,
} from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { usePageParam, useSearchInput, useSearchParam, useStepBackFromMissingPage } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { ROLES, type MemberFilters, type Membership, type Role } from '../api/people';
import { useMembers, useUpdateMember } from '../hooks/usePeople';
import { EditMemberDialog } from './EditMemberDialog';
import { InviteDialog } from './InviteDialog';
import { organisationLabel } from './roleOptions';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function personName(membership: Membership): string {
  return membership.user.display_name || membership.user.email;
}

export function PeoplePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const slug = useWorkspaceSlug();
  const { text: searchText, setText: setSearchText, value: searchParam } = useSearchInput('search');
  const [roleParam, setRoleParam] = useSearchParam('role');
  const [activeParam, setActiveParam] = useSearchParam('active', 'all');
  const [page, setPage] = usePageParam();

  const filters: MemberFilters = {
    search: searchParam,
    role: isRole(roleParam) ? roleParam : '',
    active: activeParam === 'active' || activeParam === 'inactive' ? activeParam : 'all',
    page,
  };
  const members = useMembers(slug, filters);
  const steppingBack = useStepBackFromMissingPage(members.error, page, setPage);
  const update = useUpdateMember(slug);

  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<Membership | null>(null);
  const [toggling, setToggling] = useState<Membership | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggleErrors = formErrors(update.error, [] as const);

  function confirmToggle() {
    if (!toggling) return;
    const activate = !toggling.is_active;
    update.mutate(
      { id: toggling.id, body: { is_active: activate } },
      {
        onSuccess: (membership) => {
          setNotice(
            t(activate ? 'people.reactivated' : 'people.deactivated', { name: personName(membership) }),
          );
          setToggling(null);
        },
      },
    );
  }

  const columns: Column<Membership>[] = [
    {
      key: 'name',
      header: t('people.name'),
      render: (m) => (
        <>
          <strong>{personName(m)}</strong>
          <span className="cell-secondary">{m.user.email}</span>
        </>
      ),
    },
    { key: 'role', header: t('people.role'), render: (m) => (m.role ? t(`roles.${m.role}`) : '—') },
    {
      key: 'organisation',
      header: t('people.organisation'),
      render: (m) => (m.organisation ? organisationLabel(m.organisation) : <span className="muted">—</span>),
    },
    {
      key: 'status',
      header: t('people.status'),
      render: (m) =>
        m.is_active ? <Badge tone="success">{t('people.active')}</Badge> : <Badge tone="muted">{t('people.inactive')}</Badge>,
    },
    { key: 'joined', header: t('people.added'), render: (m) => format.dateTime(m.created_at) },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      render: (m) => (
        <>
          <Button
            onClick={() => {
              update.reset();
              setEditing(m);
            }}
          >
            {t('common.edit')}
            {' '}
            <span className="visually-hidden">{personName(m)}</span>
          </Button>
          <Button
            variant={m.is_active ? 'danger' : 'secondary'}
            onClick={() => {
              update.reset();
              setToggling(m);
            }}
          >
            {m.is_active ? t('people.deactivate') : t('people.reactivate')}
            {' '}
            <span className="visually-hidden">{personName(m)}</span>
          </Button>
        </>
      ),
    },
  ];

  const filtering = Boolean(filters.search || filters.role || filters.active !== 'all');

  return (
    <>
      <PageHeader
        title={t('people.title')}
        description={t('people.description')}
        actions={
          <Button variant="primary" onClick={() => setInviting(true)}>
            {t('people.invite')}
          </Button>
        }
      />
      {notice && <Alert tone="success" messages={[notice]} />}
      <div role="search" className="filters" aria-label={t('people.filters')}>
        <TextField
          label={t('people.search')}
          type="search"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          hint={t('people.searchHint')}
        />
        <Select
          label={t('people.filterRole')}
          value={filters.role}
          onChange={(event) => setRoleParam(event.target.value)}
          options={[{ value: '', label: t('people.allRoles') }, ...ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))]}
        />
        <Select
          label={t('people.filterStatus')}
          value={filters.active}
          onChange={(event) => setActiveParam(event.target.value)}
          options={[
            { value: 'all', label: t('people.allStatuses') },
            { value: 'active', label: t('people.active') },
            { value: 'inactive', label: t('people.inactive') },
          ]}
        />
      </div>
      {members.isPending || steppingBack ? (
        <LoadingBlock />
      ) : members.isError ? (
        <QueryError error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.results.length === 0 ? (
        filtering ? (
          <EmptyState title={t('people.noMatchesTitle')}>
            <p>{t('people.noMatchesBody')}</p>
          </EmptyState>
        ) : (
          <EmptyState
            title={t('people.emptyTitle')}
            action={
              <Button variant="primary" onClick={() => setInviting(true)}>
                {t('people.invite')}
              </Button>
            }
          >
            <p>{t('people.emptyBody')}</p>
          </EmptyState>
        )
      ) : (
        <PagedTable
          caption={t('people.caption', { count: members.data.count })}
          columns={columns}
          rowKey={(m) => m.id}
          data={members.data}
          page={page}
          onPageChange={setPage}
        />
      )}

      <InviteDialog
        slug={slug}
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(membership) => {
          setInviting(false);
          setNotice(t('people.invited', { name: personName(membership), email: membership.user.email }));
        }}
      />
      {editing && (
        <EditMemberDialog
          slug={slug}
          membership={editing}
          onClose={() => setEditing(null)}
          onSaved={(membership) => {
            setEditing(null);
            setNotice(t('people.saved', { name: personName(membership) }));
          }}
        />
      )}
      <ConfirmDialog
        open={Boolean(toggling)}
        title={
          toggling?.is_active
            ? t('people.deactivateTitle', { name: toggling ? personName(toggling) : '' })
            : t('people.reactivateTitle', { name: toggling ? personName(toggling) : '' })
        }
        confirmLabel={toggling?.is_active ? t('people.deactivate') : t('people.reactivate')}
        tone={toggling?.is_active ? 'danger' : 'primary'}
        busy={update.isPending}
        errors={toggleErrors.general}
        onConfirm={confirmToggle}
        onCancel={() => setToggling(null)}
      >
        <p>{toggling?.is_active ? t('people.deactivateBody') : t('people.reactivateBody')}</p>
      </ConfirmDialog>
    </>
  );
}
