import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingBlock, PageHeader, PagedTable, QueryError, type Column } from '../../../components/ui';
import { useFormat } from '../../../lib/format';
import { usePageParam } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { changedFields, type AuditEvent } from '../api/audit';
import { useAuditEvents } from '../hooks/useAudit';

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

function Changes({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const changes = changedFields(event.before, event.after);
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <details>
      <summary>{t('audit.changedFields', { count: changes.length })}</summary>
      <ul className="json-diff">
        {changes.map((change) => (
          <li key={change.field}>
            <code>{change.field}</code>: <del>{show(change.before)}</del> → <ins>{show(change.after)}</ins>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const slug = useWorkspaceSlug();
  const [page, setPage] = usePageParam();
  const events = useAuditEvents(slug, page);

  const columns: Column<AuditEvent>[] = [
    {
      key: 'when',
      header: t('audit.when'),
      className: 'nowrap',
      render: (e) => <time dateTime={e.created_at}>{format.dateTime(e.created_at)}</time>,
    },
    {
      key: 'who',
      header: t('audit.who'),
      render: (e) =>
        e.actor ? (
          <>
            {e.actor.display_name || e.actor.email}
            {e.actor.display_name && <span className="cell-secondary">{e.actor.email}</span>}
          </>
        ) : (
          <span className="muted">{t('audit.system')}</span>
        ),
    },
    {
      key: 'what',
      header: t('audit.what'),
      render: (e) => {
        // "membership.updated" → "updated"; known verbs are translated, a new one shows as sent.
        const word = e.verb.split('.').pop() ?? e.verb;
        return i18n.exists(`audit.verbs.${word}`) ? t(`audit.verbs.${word}`) : e.verb;
      },
    },
    {
      key: 'target',
      header: t('audit.target'),
      render: (e) => (
        <>
          {e.target_repr || `#${e.target_id}`}
          <span className="cell-secondary">{e.target_type}</span>
        </>
      ),
    },
    { key: 'changes', header: t('audit.changes'), render: (e) => <Changes event={e} /> },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      {events.isPending ? (
        <LoadingBlock />
      ) : events.isError ? (
        <QueryError error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.results.length === 0 ? (
        <EmptyState title={t('audit.emptyTitle')}>
          <p>{t('audit.emptyBody')}</p>
        </EmptyState>
      ) : (
        <PagedTable
          caption={t('audit.caption', { count: events.data.count })}
          columns={columns}
          rowKey={(e) => e.id}
          data={events.data}
          page={page}
          onPageChange={setPage}
        />
      )}
    </>
  );
}
