import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  ConfirmDialog,
  EmptyState,
  LoadingBlock,
  PageHeader,
  PagedTable, QueryError,
  TextField,
  type Column,
} from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { usePageParam, useSearchInput, useStepBackFromMissingPage } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { Organisation } from '../api/organisations';
import { useDeleteOrganisation, useOrganisations } from '../hooks/useOrganisations';
import { OrganisationDialog } from './OrganisationDialog';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const { text: searchText, setText: setSearchText, value: searchParam } = useSearchInput('search');
  const [page, setPage] = usePageParam();

  const organisations = useOrganisations(slug, searchParam, page);
  const steppingBack = useStepBackFromMissingPage(organisations.error, page, setPage);
  const remove = useDeleteOrganisation(slug);
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Organisation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const deleteErrors = formErrors(remove.error, [] as const);

  const columns: Column<Organisation>[] = [
    {
      key: 'name',
      header: t('organisations.fields.name'),
      render: (o) => (
        <>
          <strong>{o.name}</strong>
          {o.acronym && <span className="cell-secondary">{o.acronym}</span>}
        </>
      ),
    },
    { key: 'kind', header: t('organisations.fields.kind'), render: (o) => t(`organisationKinds.${o.kind}`) },
    {
      key: 'place',
      header: t('organisations.place'),
      render: (o) => [o.province, o.country].filter(Boolean).join(', ') || '—',
    },
    {
      key: 'contact',
      header: t('organisations.contact'),
      render: (o) =>
        o.contact_name || o.contact_email || o.contact_phone ? (
          <>
            {o.contact_name && <span>{o.contact_name}</span>}
            {o.contact_email && (
              <span className="cell-secondary">
                <a href={`mailto:${o.contact_email}`}>{o.contact_email}</a>
              </span>
            )}
            {o.contact_phone && <span className="cell-secondary">{o.contact_phone}</span>}
          </>
        ) : (
          '—'
        ),
    },
    { key: 'members', header: t('organisations.memberCount'), render: (o) => o.member_count },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      render: (o) => (
        <>
          <Button onClick={() => setEditing(o)}>
            {t('common.edit')}
            {' '}
            <span className="visually-hidden">{o.name}</span>
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              remove.reset();
              setDeleting(o);
            }}
          >
            {t('common.delete')}
            {' '}
            <span className="visually-hidden">{o.name}</span>
          </Button>
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        description={t('organisations.description')}
        actions={
          <Button variant="primary" onClick={() => setEditing('new')}>
            {t('organisations.add')}
          </Button>
        }
      />
      {notice && <Alert tone="success" messages={[notice]} />}
      <div role="search" className="filters" aria-label={t('organisations.search')}>
        <TextField
          label={t('organisations.search')}
          type="search"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          hint={t('organisations.searchHint')}
        />
      </div>
      {organisations.isPending || steppingBack ? (
        <LoadingBlock />
      ) : organisations.isError ? (
        <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : organisations.data.results.length === 0 ? (
        searchParam ? (
          <EmptyState title={t('organisations.noMatchesTitle')}>
            <p>{t('organisations.noMatchesBody')}</p>
          </EmptyState>
        ) : (
          <EmptyState
            title={t('organisations.emptyTitle')}
            action={
              <Button variant="primary" onClick={() => setEditing('new')}>
                {t('organisations.add')}
              </Button>
            }
          >
            <p>{t('organisations.emptyBody')}</p>
          </EmptyState>
        )
      ) : (
        <PagedTable
          caption={t('organisations.caption', { count: organisations.data.count })}
          columns={columns}
          rowKey={(o) => o.id}
          data={organisations.data}
          page={page}
          onPageChange={setPage}
        />
      )}

      {editing && (
        <OrganisationDialog
          slug={slug}
          organisation={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(organisation) => {
            setNotice(
              editing === 'new'
                ? t('organisations.created', { name: organisation.name })
                : t('organisations.saved', { name: organisation.name }),
            );
            setEditing(null);
          }}
        />
      )}
      <ConfirmDialog
        open={Boolean(deleting)}
        title={t('organisations.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        busy={remove.isPending}
        errors={deleteErrors.general}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setNotice(t('organisations.deleted', { name: deleting.name }));
              setDeleting(null);
            },
          })
        }
        onCancel={() => setDeleting(null)}
      >
        <p>{t('organisations.deleteBody')}</p>
      </ConfirmDialog>
    </>
  );
}
