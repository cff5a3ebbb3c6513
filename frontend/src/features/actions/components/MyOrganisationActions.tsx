import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, LoadingBlock, Pagination, QueryError } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { organisationName } from '../../../lib/workspaceOptions';
import type { Action } from '../api/actions';
import { useMyActions } from '../hooks/useActions';
import { ActionStatusBadge, DueDate, activityText } from './ActionBits';

interface MyOrganisationActionsProps {
  /**
   * The organisation the person represents in this workspace (from their membership); null when they
   * represent none, which the section says instead of an empty list; undefined while not known.
   */
  organisation?: { name: string; acronym?: string | null } | null;
}

/**
 * The dashboard's "My organisation's actions": what the organisation the person represents committed to
 * in approved agendas.
 */
export function MyOrganisationActions({ organisation }: MyOrganisationActionsProps = {}) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const headingId = useId();
  const [page, setPage] = useState(1);
  const representsNone = organisation === null;
  const actions = useMyActions(slug, page, { enabled: !representsNone });

  const refused = actions.error instanceof ApiError && actions.error.isForbiddenOrMissing;
  // A later page that no longer exists (an agenda was reopened meanwhile): start again at the first.
  if (refused && page > 1) setPage(1);
  // Not an error on the dashboard: the section is simply not for this person.
  if (refused) return null;

  return (
    <section className="section" aria-labelledby={headingId} aria-busy={actions.isFetching || undefined}>
      <h2 id={headingId} className="section-title">
        {t('actions.mine.title')}
      </h2>
      {organisation && <p className="muted">{t('actions.mine.representing', { organisation: organisationName(organisation) })}</p>}
      {representsNone ? (
        <EmptyState title={t('actions.mine.noOrganisationTitle')}>
          <p>{t('actions.mine.noOrganisationBody')}</p>
        </EmptyState>
      ) : actions.isPending ? (
        <LoadingBlock />
      ) : actions.isError ? (
        <QueryError error={actions.error} onRetry={() => void actions.refetch()} />
      ) : actions.data.results.length === 0 ? (
        <EmptyState title={t('actions.mine.emptyTitle')}>
          <p>{t('actions.mine.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="stack-list act-list">
            {actions.data.results.map((action) => (
              <ActionItem key={action.id} action={action} slug={slug} />
            ))}
          </ul>
          <Pagination page={page} of={actions.data} onPageChange={setPage} />
        </>
      )}
    </section>
  );
}

function ActionItem({ action, slug }: { action: Action; slug: string }) {
  const { t } = useTranslation();
  return (
    <li className={action.overdue ? 'is-overdue' : undefined}>
      <h3 className="card-title">
        <Link to={`/w/${encodeURIComponent(slug)}/actions/${action.id}`}>{activityText(action, t('actions.untitled'))}</Link>
      </h3>
      <p className="act-item-meta">{t('actions.mine.from', { agenda: action.agenda_title, group: action.group_name })}</p>
      <div className="card-meta">
        <ActionStatusBadge status={action.status} />
        <DueDate action={action} />
      </div>
    </li>
  );
}
