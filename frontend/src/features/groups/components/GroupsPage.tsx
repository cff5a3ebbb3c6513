import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  Badge,
  Button,
  EmptyState,
  LoadingBlock,
  PageHeader,
  PagedTable,
  QueryError,
  type Column,
} from '../../../components/ui';
import { usePageParam } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { Group } from '../api/groups';
import { useGroups } from '../hooks/useGroups';
import { CreateGroupDialog } from './GroupDialog';

interface GroupsPageProps {
  /** Admins and the executive committee create groups (the app decides from the workspace role; the server enforces it). */
  canCreate?: boolean;
}

export function GroupsPage({ canCreate = false }: GroupsPageProps) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const navigate = useNavigate();
  const [page, setPage] = usePageParam();
  const groups = useGroups(slug, page);
  const [creating, setCreating] = useState(false);

  const createButton = canCreate && (
    <Button variant="primary" onClick={() => setCreating(true)}>
      {t('groups.new')}
    </Button>
  );

  const columns: Column<Group>[] = [
    {
      key: 'name',
      header: t('groups.name'),
      render: (group) => (
        <>
          <Link to={`/w/${slug}/groups/${group.id}`}>
            <strong>{group.name}</strong>
          </Link>
          {group.description && <span className="cell-secondary">{group.description}</span>}
        </>
      ),
    },
    { key: 'theme', header: t('groups.theme'), render: (group) => group.theme || '—' },
    {
      key: 'visibility',
      header: t('groups.visibility'),
      render: (group) => <Badge tone="muted">{t(`visibility.${group.visibility}`)}</Badge>,
    },
    { key: 'members', header: t('groups.members'), render: (group) => group.member_count },
    {
      key: 'my_role',
      header: t('groups.myRole'),
      render: (group) =>
        group.my_role ? (
          <Badge tone={group.my_role === 'lead' ? 'info' : 'neutral'}>{t(`groupRoles.${group.my_role}`)}</Badge>
        ) : (
          <span className="muted">{t('groups.notMember')}</span>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('groups.title')} description={t('groups.description')} actions={createButton || undefined} />
      {groups.isPending ? (
        <LoadingBlock />
      ) : groups.isError ? (
        <QueryError error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.data.results.length === 0 ? (
        <EmptyState title={t('groups.emptyTitle')} action={createButton || undefined}>
          <p>{canCreate ? t('groups.emptyBodyCreator') : t('groups.emptyBody')}</p>
        </EmptyState>
      ) : (
        <PagedTable
          caption={t('groups.caption', { count: groups.data.count })}
          columns={columns}
          rowKey={(group) => group.id}
          data={groups.data}
          page={page}
          onPageChange={setPage}
        />
      )}
      {creating && (
        <CreateGroupDialog
          slug={slug}
          onClose={() => setCreating(false)}
          onCreated={(group) => {
            setCreating(false);
            void navigate(`/w/${slug}/groups/${group.id}`);
          }}
        />
      )}
    </>
  );
}
