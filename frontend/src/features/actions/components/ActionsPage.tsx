import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Alert, Button, EmptyState, LoadingBlock, PageHeader, Pagination, QueryError, Select, TextField } from '../../../components/ui';
import { ApiError, formErrors } from '../../../lib/api';
import { usePageParam, useSearchParam, useStepBackFromMissingPage } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { organisationName, useGroupOptions, useOrganisationOptions } from '../../../lib/workspaceOptions';
import { ACTION_STATUSES, actionExportUrl, isActionStatus, type Action, type ActionFilters } from '../api/actions';
import { useNetworkActions } from '../hooks/useActions';
import { ActionStatusBadge, DueDate, activityText } from './ActionBits';

const FILTER_FIELDS = ['group', 'organisation', 'status', 'due_from', 'due_to', 'overdue'] as const;

/** What the action page needs to lead back to this list as it was (filters and page). */
export interface FromNetworkList {
  from: 'network-list';
  search: string;
}

/** Options for a filter; a value from the URL that the list does not know (yet) still shows. */
function optionsOf(
  options: readonly { id: number; name: string; acronym?: string | null }[] | undefined,
  chosen: string,
  any: string,
  unknown: string,
) {
  const known = (options ?? []).map((option) => ({ value: String(option.id), label: organisationName(option) }));
  const missing = chosen && !known.some((option) => option.value === chosen) ? [{ value: chosen, label: unknown }] : [];
  return [{ value: '', label: any }, ...known, ...missing];
}

/** The route's page: actions — every followed action of the network, for the executive committee. */
export function ActionsPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const location = useLocation();
  const [, setParams] = useSearchParams();
  const [group, setGroup] = useSearchParam('group');
  const [organisation, setOrganisation] = useSearchParam('organisation');
  const [status, setStatus] = useSearchParam('status');
  const [dueFrom, setDueFrom] = useSearchParam('due_from');
  const [dueTo, setDueTo] = useSearchParam('due_to');
  const [overdue, setOverdue] = useSearchParam('overdue');
  const [page, setPage] = usePageParam();
  const filters: ActionFilters = {
    group,
    organisation,
    status: isActionStatus(status) ? status : '',
    due_from: dueFrom,
    due_to: dueTo,
    overdue: overdue === 'true',
  };
  const actions = useNetworkActions(slug, filters, page);
  const steppingBack = useStepBackFromMissingPage(actions.error, page, setPage);
  const groups = useGroupOptions(slug);
  const organisations = useOrganisationOptions(slug);
  const headingId = useId();
  const reversed = Boolean(dueFrom && dueTo && dueFrom > dueTo);

  const header = (
    <PageHeader
      title={t('actions.list.title')}
      description={t('actions.list.description')}
      actions={
        // No export of a list the filters make meaningless (refused, or dates the wrong way round).
        actions.isError || reversed ? undefined : (
          // A plain link: the browser downloads the file itself, named by the server.
          <a className="btn btn-secondary act-export" href={actionExportUrl(slug, filters)} download>
            {t('actions.list.export')}
          </a>
        )
      }
    />
  );

  if (actions.error instanceof ApiError && actions.error.status === 403) {
    return (
      <>
        {header}
        <EmptyState
          title={t('actions.list.forbiddenTitle')}
          headingLevel={2}
          action={
            <Link className="btn btn-secondary" to={`/w/${encodeURIComponent(slug)}`}>
              {t('actions.list.toDashboard')}
            </Link>
          }
        >
          <p>{t('actions.list.forbiddenBody')}</p>
        </EmptyState>
      </>
    );
  }

  const invalid = actions.error instanceof ApiError && actions.error.status === 400;
  const errors = formErrors(invalid ? actions.error : null, FILTER_FIELDS);
  const filtering = FILTER_FIELDS.some((field) => Boolean(filters[field]));
  const from: FromNetworkList = { from: 'network-list', search: location.search };

  return (
    <>
      {header}
      <div role="search" className="filters act-filters" aria-label={t('actions.list.filters')}>
        <Select
          label={t('actions.fields.group')}
          value={group}
          onChange={(event) => setGroup(event.target.value)}
          options={optionsOf(groups.data, group, t('actions.list.allGroups'), t('actions.list.unknownGroup'))}
          error={errors.fields.group}
        />
        <Select
          label={t('actions.fields.organisation')}
          value={organisation}
          onChange={(event) => setOrganisation(event.target.value)}
          options={optionsOf(
            organisations.data,
            organisation,
            t('actions.list.allOrganisations'),
            t('actions.list.unknownOrganisation'),
          )}
          error={errors.fields.organisation}
        />
        <Select
          label={t('actions.fields.status')}
          value={filters.status}
          onChange={(event) => setStatus(event.target.value)}
          options={[
            { value: '', label: t('actions.list.allStatuses') },
            ...ACTION_STATUSES.map((value) => ({ value, label: t(`actions.status.${value}`) })),
          ]}
          error={errors.fields.status}
        />
        <TextField
          label={t('actions.list.dueFrom')}
          type="date"
          value={dueFrom}
          max={dueTo || undefined}
          onChange={(event) => setDueFrom(event.target.value)}
          error={errors.fields.due_from}
        />
        <TextField
          label={t('actions.list.dueTo')}
          type="date"
          value={dueTo}
          min={dueFrom || undefined}
          onChange={(event) => setDueTo(event.target.value)}
          error={errors.fields.due_to ?? (reversed ? t('actions.list.datesReversed') : undefined)}
        />
        <label className="choice">
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(event) => setOverdue(event.target.checked ? 'true' : '')}
          />
          <span>{t('actions.list.overdueOnly')}</span>
        </label>
      </div>
      {filtering && (
        <div className="act-filter-buttons">
          <Button variant="ghost" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('actions.list.clear')}
          </Button>
        </div>
      )}
      {(groups.isError || organisations.isError) && <Alert tone="warning" messages={[t('actions.list.optionsFailed')]} />}

      <section aria-labelledby={headingId} aria-busy={actions.isFetching || undefined}>
        <h2 id={headingId} className="section-title" aria-live="polite">
          {actions.data && !actions.isError
            ? t('actions.list.count', { count: actions.data.count })
            : t('actions.list.results')}
        </h2>
        {actions.isPending || steppingBack ? (
          <LoadingBlock />
        ) : invalid ? (
          <Alert tone="error" title={t('actions.list.invalidFilters')} messages={errors.general} />
        ) : actions.isError ? (
          <QueryError error={actions.error} onRetry={() => void actions.refetch()} />
        ) : actions.data.results.length === 0 ? (
          filtering ? (
            <EmptyState title={t('actions.list.noMatchesTitle')}>
              <p>{t('actions.list.noMatchesBody')}</p>
            </EmptyState>
          ) : (
            <EmptyState title={t('actions.list.emptyTitle')}>
              <p>{t('actions.list.emptyBody')}</p>
            </EmptyState>
          )
        ) : (
          <>
            <ActionTable actions={actions.data.results} slug={slug} from={from} />
            <Pagination page={page} of={actions.data} onPageChange={(next) => setPage(next)} />
          </>
        )}
      </section>
    </>
  );
}

function ActionTable({ actions, slug, from }: { actions: readonly Action[]; slug: string; from: FromNetworkList }) {
  const { t } = useTranslation();
  const label = {
    activity: t('actions.fields.activity'),
    group: t('actions.fields.group'),
    organisation: t('actions.fields.organisation'),
    due: t('actions.fields.due'),
    status: t('actions.fields.status'),
  };
  return (
    <div className="table-wrap">
      {/* On a phone each row becomes a card (ui.css .table-stack), each cell led by its column's name. */}
      <table className="table table-stack act-table">
        <caption className="visually-hidden">{t('actions.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{label.activity}</th>
            <th scope="col">{label.group}</th>
            <th scope="col">{label.organisation}</th>
            <th scope="col">{label.due}</th>
            <th scope="col">{label.status}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <tr key={action.id} className={action.overdue ? 'is-overdue' : undefined}>
              <td data-label={label.activity}>
                <Link to={`/w/${encodeURIComponent(slug)}/actions/${action.id}`} state={from}>
                  {activityText(action, t('actions.untitled'))}
                </Link>
                <span className="cell-secondary">{t('actions.list.agenda', { agenda: action.agenda_title })}</span>
              </td>
              <td data-label={label.group}>{action.group_name}</td>
              <td data-label={label.organisation}>
                {action.organisation ? organisationName(action.organisation) : <span className="muted">{t('actions.noOrganisation')}</span>}
              </td>
              <td data-label={label.due}>
                <DueDate action={action} labelled={false} />
              </td>
              <td data-label={label.status}>
                <ActionStatusBadge status={action.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
