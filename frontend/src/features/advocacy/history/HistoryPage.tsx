import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState, LoadingBlock, NotFoundState, PageHeader, Pagination, QueryError } from '../../../components/ui';
import { usePageParam, useStepBackFromMissingPage } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { HistoryEntry, HistoryKind } from '../api/history';
import { useAgendaDetail, useHistory } from '../hooks/useAdvocacy';
import { useTreeDetail } from '../tree/api';
import { dayKey, useRelativeTime } from './relativeTime';
import './history.css';

/** Who changed what, when: `/w/:slug/trees/:treeId/history` and `/w/:slug/agendas/:agendaId/history`. */
export function HistoryPage({ kind }: { kind: HistoryKind }) {
  const params = useParams();
  const id = Number(kind === 'tree' ? params.treeId : params.agendaId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundState />;
  return kind === 'tree' ? <TreeHistory key={id} id={id} /> : <AgendaHistory key={id} id={id} />;
}

function TreeHistory({ id }: { id: number }) {
  const slug = useWorkspaceSlug();
  const tree = useTreeDetail(slug, id);
  if (tree.isPending) return <LoadingBlock />;
  if (tree.isError) return <QueryError error={tree.error} onRetry={() => void tree.refetch()} />;
  return <History kind="tree" id={id} title={tree.data.title} back={`/w/${encodeURIComponent(slug)}/trees/${id}`} />;
}

function AgendaHistory({ id }: { id: number }) {
  const slug = useWorkspaceSlug();
  const agenda = useAgendaDetail(slug, id);
  if (agenda.isPending) return <LoadingBlock />;
  if (agenda.isError) return <QueryError error={agenda.error} onRetry={() => void agenda.refetch()} />;
  return <History kind="agenda" id={id} title={agenda.data.title} back={`/w/${encodeURIComponent(slug)}/agendas/${id}`} />;
}

interface Day {
  key: string;
  heading: string;
  entries: HistoryEntry[];
}

function History({ kind, id, title, back }: { kind: HistoryKind; id: number; title: string; back: string }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const [page, setPage] = usePageParam();
  const history = useHistory(slug, kind, id, page);
  const steppingBack = useStepBackFromMissingPage(history.error, page, setPage);
  const time = useRelativeTime();

  const days: Day[] = [];
  for (const entry of history.data?.results ?? []) {
    const key = dayKey(entry.last_at);
    const last = days[days.length - 1];
    if (last?.key === key) last.entries.push(entry);
    else days.push({ key, heading: time.day(entry.last_at), entries: [entry] });
  }

  return (
    <>
      <p>
        <Link to={back}>{t(`history.back.${kind}`, { title })}</Link>
      </p>
      <PageHeader title={t('history.title', { title })} description={t('history.description')} />
      {history.isPending || steppingBack ? (
        <LoadingBlock />
      ) : history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : days.length === 0 ? (
        <EmptyState title={t('history.emptyTitle')} headingLevel={2}>
          <p>{t(`history.emptyBody.${kind}`)}</p>
        </EmptyState>
      ) : (
        <>
          {days.map((day) => (
            <section key={day.key} className="history-day" aria-labelledby={`history-day-${day.key}`}>
              <h2 id={`history-day-${day.key}`} className="history-day-title">
                {day.heading}
              </h2>
              <ol className="stack-list history-list">
                {day.entries.map((entry) => (
                  <li key={entry.id} className={`history-entry is-${entry.action}`}>
                    <p className="history-what">
                      <strong>{entry.author?.name || t('history.someone')}</strong> {describeChange(t, kind, entry)}
                    </p>
                    <p className="history-when">
                      <time dateTime={entry.last_at} title={time.exact(entry.last_at)}>
                        {time.when(entry.last_at)}
                      </time>
                      {entry.edits > 1 && (
                        <span className="history-edits">{t('history.edits', { count: entry.edits })}</span>
                      )}
                    </p>
                  </li>
                ))}
              </ol>
            </section>
          ))}
          <Pagination page={page} of={history.data} onPageChange={setPage} />
        </>
      )}
    </>
  );
}

function quoted(t: TFunction, label: string): string | null {
  const text = label.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return t('history.quoted', { text: text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text });
}

/** "added “Teachers lack training”", "edited the goal", "removed “Ministry” from Stakeholders". */
export function describeChange(t: TFunction, kind: HistoryKind, entry: HistoryEntry): string {
  const { action, target } = entry;
  const label = quoted(t, target.label);
  if (target.type === 'node' || kind === 'tree') {
    return label ? t(`history.node.${action}`, { label }) : t(`history.node.${action}Unnamed`);
  }
  const root = target.section || entry.path.split('/')[0];
  if (root === 'ready') return t('history.readyChanged');
  // The note belongs to the methods section.
  const sectionKey = root === 'methods_note' ? 'methods' : root;
  const section = t(`history.sections.${sectionKey}`, { defaultValue: sectionKey });
  if (target.type === 'row') {
    return label ? t(`history.row.${action}`, { label, section }) : t(`history.row.${action}Unnamed`, { section });
  }
  return t(`history.section.${action}`, { section });
}
