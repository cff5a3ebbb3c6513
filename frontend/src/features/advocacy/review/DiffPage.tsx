import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Badge, LoadingBlock, NotFoundState, PageHeader, QueryError } from '../../../components/ui';
import { useFormat } from '../../../lib/format';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { SectionDiff } from '../api/reviews';
import { useSubmissionDiff } from '../hooks/useReviews';
import {
  describeRow,
  detailsLine,
  isRowSection,
  methodsOf,
  rowLookup,
  type DescribeOptions,
  type RowParts,
} from './frozenRows';
import './review.css';

/** The route's page: submissions/<n>/diff?against=m (m defaults to the submission before n). */
export function DiffPage() {
  const { agendaId, number } = useParams();
  const [search] = useSearchParams();
  const id = Number(agendaId);
  const later = Number(number);
  const againstParam = search.get('against');
  const against = againstParam === null ? undefined : Number(againstParam);
  if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(later) || later <= 0) return <NotFoundState />;
  if (against !== undefined && (!Number.isInteger(against) || against <= 0)) return <NotFoundState />;
  return <DiffScreen agendaId={id} number={later} against={against} />;
}

function DiffScreen({ agendaId, number, against }: { agendaId: number; number: number; against: number | undefined }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const diff = useSubmissionDiff(slug, agendaId, number, against);
  if (diff.isPending) return <LoadingBlock />;
  if (diff.isError) return <QueryError error={diff.error} onRetry={() => void diff.refetch()} />;
  const { before, after, sections } = diff.data;
  const changed = sections.filter((section) => section.changed).length;
  const lookups = lookupsOf(sections);
  return (
    <>
      <p>
        <Link to={`/w/${encodeURIComponent(slug)}/agendas/${agendaId}`}>{t('review.diff.back')}</Link>
      </p>
      <PageHeader
        title={t('review.diff.title', { before: before.number, after: after.number })}
        description={t('review.diff.summary', { count: changed, total: sections.length })}
      />
      <p className="rv-diff-legend">
        <span>
          {t('review.diff.legend')}{' '}
          <Ins>{t('review.diff.inserted')}</Ins> <Del>{t('review.diff.deleted')}</Del>
        </span>
      </p>
      <div className="rv-diff">
        {sections.map((section) => (
          <SectionDiffView key={section.section} section={section} lookups={lookups} />
        ))}
      </div>
    </>
  );
}

/** Rows point at stakeholders and objectives by key: each side of the comparison resolves them in its own version. */
interface Lookups {
  before: ReturnType<typeof rowLookup>;
  after: ReturnType<typeof rowLookup>;
}

function lookupsOf(sections: readonly SectionDiff[]): Lookups {
  const side = (which: 'before' | 'after') =>
    rowLookup({
      stakeholders: sections.find((section) => section.section === 'stakeholders')?.[which],
      objectives: sections.find((section) => section.section === 'objectives')?.[which],
    });
  return { before: side('before'), after: side('after') };
}

function SectionDiffView({ section, lookups }: { section: SectionDiff; lookups: Lookups }) {
  const { t } = useTranslation();
  const title = t(`advocacyAgenda.sections.${section.section}`);
  return (
    <section className={`rv-diff-section${section.changed ? ' is-changed' : ''}`} aria-label={title}>
      <header className="rv-diff-head">
        <h2>{title}</h2>
        <Badge tone={section.changed ? 'info' : 'muted'}>{t(section.changed ? 'review.diff.changed' : 'review.diff.unchanged')}</Badge>
      </header>
      {section.changed && <SectionChanges section={section} lookups={lookups} />}
    </section>
  );
}

function SectionChanges({ section, lookups }: { section: SectionDiff; lookups: Lookups }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (section.kind === 'rows' && isRowSection(section.section)) {
    const rowSection = section.section;
    const options = (lookup: Lookups['before']): DescribeOptions => ({
      t,
      lookup,
      date: (iso) => format.date(iso, 'UTC', 'medium'),
    });
    const describe = (row: unknown, side: 'before' | 'after') => describeRow(rowSection, row, options(lookups[side]));
    return (
      <ul className="rv-rows">
        {section.rows_added.map((row, index) => (
          <li key={`added-${index}`} className="rv-row is-added">
            <span className="rv-row-tag">{t('review.diff.rowAdded')}</span> <Ins>{wholeRow(describe(row, 'after'))}</Ins>
          </li>
        ))}
        {section.rows_removed.map((row, index) => (
          <li key={`removed-${index}`} className="rv-row is-removed">
            <span className="rv-row-tag">{t('review.diff.rowRemoved')}</span> <Del>{wholeRow(describe(row, 'before'))}</Del>
          </li>
        ))}
        {section.rows_changed.map((row) => (
          <li key={row.key} className="rv-row is-changed">
            <span className="rv-row-tag">{t('review.diff.rowChanged')}</span>{' '}
            <ChangedRow before={describe(row.before, 'before')} after={describe(row.after, 'after')} />
          </li>
        ))}
      </ul>
    );
  }
  if (section.words.length > 0) {
    return (
      <p className="rv-words">
        {section.words.map((word, index) =>
          word.op === 'insert' ? (
            <Ins key={index}>
              {word.text}
            </Ins>
          ) : word.op === 'delete' ? (
            <Del key={index}>
              {word.text}
            </Del>
          ) : (
            <span key={index}>{word.text}</span>
          ),
        )}
      </p>
    );
  }
  const before = methodsOf(section.before);
  const after = methodsOf(section.after);
  const methodName = (method: string) => t(`advocacyAgenda.method.${method}`);
  // Every method of either version, in the later one's order: kept ones plain, the others marked.
  const methods = [...after.methods, ...before.methods.filter((method) => !after.methods.includes(method))];
  return (
    <>
      <ul className="rv-rows">
        {methods.map((method) => (
          <li key={method} className="rv-row">
            {!after.methods.includes(method) ? (
              <Del>{methodName(method)}</Del>
            ) : !before.methods.includes(method) ? (
              <Ins>{methodName(method)}</Ins>
            ) : (
              methodName(method)
            )}
          </li>
        ))}
      </ul>
      {before.note !== after.note && (
        <p className="rv-words">
          {before.note && <Del>{before.note}</Del>} {after.note && <Ins>{after.note}</Ins>}
        </p>
      )}
    </>
  );
}

function wholeRow(row: RowParts): string {
  const details = detailsLine(row.details);
  return row.main && details ? `${row.main} — ${details}` : row.main || details;
}

/** A changed row: its main text (marked if it changed), then only the fields that changed, old then new. */
function ChangedRow({ before, after }: { before: RowParts; after: RowParts }) {
  const fields = [...new Set([...before.details, ...after.details].map((detail) => detail.field))];
  const changes = fields.flatMap((field) => {
    const old = before.details.find((detail) => detail.field === field);
    const now = after.details.find((detail) => detail.field === field);
    if (old?.value === now?.value) return [];
    return [{ field, label: (now ?? old)!.label, old: old?.value ?? '', now: now?.value ?? '' }];
  });
  return (
    <>
      {before.main === after.main ? (
        <span>{after.main}</span>
      ) : (
        <>
          {before.main && <Del>{before.main}</Del>} {after.main && <Ins>{after.main}</Ins>}
        </>
      )}
      {changes.length > 0 && (
        <span className="rv-row-details">
          {changes.map((change, index) => (
            <span key={change.field}>
              {index > 0 && ' · '}
              {change.label}: {change.old && <Del>{change.old}</Del>} {change.now && <Ins>{change.now}</Ins>}
            </span>
          ))}
        </span>
      )}
    </>
  );
}

/** An insertion: green and underlined, and announced as such by screen readers. */
function Ins({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ins className="rv-ins">
      <span className="visually-hidden">{t('review.diff.insertedCue')}</span>
      {children}
    </ins>
  );
}

/** A deletion: red and struck through, and announced as such by screen readers. */
function Del({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <del className="rv-del">
      <span className="visually-hidden">{t('review.diff.deletedCue')}</span>
      {children}
    </del>
  );
}
