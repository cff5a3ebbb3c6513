import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingBlock, PageHeader, PagedTable, QueryError, type Column } from '../../../components/ui';
import { useFormat } from '../../../lib/format';
import { usePageParam } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { changedFields, type AuditEvent } from '../api/audit';
import { useAuditEvents } from '../hooks/useAudit';

/** A field value as a reader understands it: translated codes, yes/no, names instead of JSON. */
function useShowValue(targetType: string): (field: string, value: unknown) => string {
  const { t, i18n } = useTranslation();
  return (field, value) => {
    if (value === undefined || value === null) return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'string') {
      if (value === '') return '""';
      // The same labels as the People and Organisations pages.
      if (field === 'role' && i18n.exists(`roles.${value}`)) return t(`roles.${value}`);
      if (field === 'kind' && targetType === 'organisation' && i18n.exists(`organisationKinds.${value}`)) {
        return t(`organisationKinds.${value}`);
      }
      return value;
    }
    // A related record is stored as {id, repr}.
    if (typeof value === 'object' && 'repr' in value && typeof value.repr === 'string') return value.repr;
    return JSON.stringify(value);
  };
}

/** "membership.invited" → audit.actions.membership_invited; an unknown verb falls back to its last word, then as sent. */
function useVerbLabel(): (verb: string) => string {
  const { t, i18n } = useTranslation();
  return (verb) => {
    const key = `audit.actions.${verb.replace(/\./g, '_')}`;
    if (i18n.exists(key)) return t(key);
    const word = verb.split('.').pop() ?? verb;
    return i18n.exists(`audit.verbs.${word}`) ? t(`audit.verbs.${word}`) : verb;
  };
}

function Changes({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const show = useShowValue(event.target_type);
  const changes = changedFields(event.before, event.after);
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <details>
      <summary>{t('audit.changedFields', { count: changes.length })}</summary>
      <ul className="json-diff">
        {changes.map((change) => (
          <li key={change.field}>
            <code>{change.field}</code>: <del>{show(change.field, change.before)}</del> →{' '}
            <ins>{show(change.field, change.after)}</ins>
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
  const verbLabel = useVerbLabel();

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
      render: (e) => verbLabel(e.verb),
    },
    {
      key: 'target',
      header: t('audit.target'),
      render: (e) => (
        <>
          {e.target_repr || `#${e.target_id}`}
          <span className="cell-secondary">
            {i18n.exists(`audit.targetTypes.${e.target_type}`) ? t(`audit.targetTypes.${e.target_type}`) : e.target_type}
          </span>
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
