import { useTranslation } from 'react-i18next';
import { Badge, EmptyState, LoadingBlock, PageHeader, PagedTable, QueryError, type Column } from '../../../components/ui';
import { usePageParam } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { Group } from '../api/groups';
import { useGroups } from '../hooks/useGroups';

export function GroupsPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const [page, setPage] = usePageParam();
  const groups = useGroups(slug, page);

  const columns: Column<Group>[] = [
    {
      key: 'name',
      header: t('groups.name'),
      render: (group) => (
        <>
          <strong>{group.name}</strong>
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
      <PageHeader title={t('groups.title')} description={t('groups.description')} />
      {groups.isPending ? (
        <LoadingBlock />
      ) : groups.isError ? (
        <QueryError error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.data.results.length === 0 ? (
        <EmptyState title={t('groups.emptyTitle')}>
          <p>{t('groups.emptyBody')}</p>
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
    </>
  );
}
