import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Badge, Button, EmptyState, PageHeader, Pagination, QueryError } from '../../../components/ui';
import { useFormat } from '../../../lib/format';
import { useStepBackFromMissingPage } from '../../../lib/searchParams';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { useDocumentSearch, useThemes } from '../api/hooks';
import {
  FACETS,
  SORTS,
  type FacetName,
  type FacetValue,
  type SearchHit,
  type SearchPage,
  type Theme,
} from '../api/policybank';
import { usePolicyLabels } from './labels';
import { Snippet } from './Snippet';
import './policybank.css';

/** The parameters the page keeps in its URL; the same string is the API's query. */
const KEPT = new Set<string>(['q', 'sort', 'page', ...FACETS]);

function apiQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [key, value] of params) if (KEPT.has(key) && value) kept.append(key, value);
  kept.sort();
  return kept.toString();
}

export function SearchSkeleton({ rows = 3 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="policy-skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">{t('policybank.search.loading')}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="policy-skeleton-row" aria-hidden="true">
          <span className="policy-skeleton-line policy-skeleton-title" />
          <span className="policy-skeleton-line" />
          <span className="policy-skeleton-line policy-skeleton-short" />
        </div>
      ))}
    </div>
  );
}

function ResultItem({ hit, slug }: { hit: SearchHit; slug: string }) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const meta = [labels.kind(hit.kind), hit.year ? String(hit.year) : null, hit.publisher || null].filter(Boolean);
  return (
    <li className="policy-result">
      <h3 className="policy-result-title">
        <Link to={`/w/${encodeURIComponent(slug)}/policy/documents/${hit.id}`}>{hit.title}</Link>{' '}
        {hit.removed && <Badge tone="muted">{t('policybank.removed')}</Badge>}
      </h3>
      <p className="policy-result-meta">{meta.join(' · ')}</p>
      <Snippet html={hit.snippet} />
    </li>
  );
}

/** Wide enough for the filters to sit beside the results (the layout's breakpoint in policybank.css). */
function isWide(): boolean {
  return window.matchMedia?.('(min-width: 48.01rem)').matches ?? true;
}

interface FacetProps {
  facet: FacetName;
  values: FacetValue[];
  chosen: string[];
  themes: readonly Theme[] | undefined;
  onToggle: (facet: FacetName, value: string) => void;
}

function Facet({ facet, values, chosen, themes, onToggle }: FacetProps) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const format = useFormat();
  // On a phone a group starts folded unless something in it is ticked: six open lists would push the
  // results a few screens down. Once the reader opens or folds a group, it stays that way.
  const [open, setOpen] = useState(() => chosen.length > 0 || isWide());
  return (
    <details className="policy-facet" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span>{t(`policybank.facets.${facet}`)}</span>
        {chosen.length > 0 && (
          <span className="policy-selected">
            {t('policybank.search.selected', { count: chosen.length, formatted: format.number(chosen.length) })}
          </span>
        )}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{t(`policybank.facets.${facet}`)}</legend>
        {values.map((value) => (
          <label key={value.value} className="choice">
            <input type="checkbox" checked={chosen.includes(value.value)} onChange={() => onToggle(facet, value.value)} />
            <span className="policy-facet-label">
              {labels.facetValue(facet, value.value, value.label, themes)}{' '}
              <span className="muted">({format.number(value.count)})</span>
            </span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}

interface FacetsProps {
  facets: SearchPage['facets'];
  exact: boolean;
  selected: (facet: FacetName) => string[];
  onToggle: (facet: FacetName, value: string) => void;
}

function Facets({ facets, exact, selected, onToggle }: FacetsProps) {
  const { t, i18n } = useTranslation();
  const slug = useWorkspaceSlug();
  // The server names themes in English; any other language looks their names up.
  const themes = useThemes(slug, (i18n.resolvedLanguage ?? 'en') !== 'en');
  const shown = FACETS.filter((facet) => (facets[facet]?.length ?? 0) > 0 || selected(facet).length > 0);
  if (!shown.length) return null;
  return (
    <div className="policy-facets">
      {!exact && <p className="field-hint">{t('policybank.search.facetsSampled')}</p>}
      {shown.map((facet) => {
        const chosen = selected(facet);
        const values: FacetValue[] = [...(facets[facet] ?? [])];
        // A chosen value with no result left still shows, so it can be unticked.
        for (const value of chosen) {
          if (!values.some((v) => v.value === value)) values.push({ value, label: value, count: 0 });
        }
        return <Facet key={facet} facet={facet} values={values} chosen={chosen} themes={themes.data} onToggle={onToggle} />;
      })}
    </div>
  );
}

export function PolicySearchPage({ canAdd = false, canImport = false }: { canAdd?: boolean; canImport?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const slug = useWorkspaceSlug();
  const [params, setParams] = useSearchParams();
  const query = apiQuery(params);
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [seen, setSeen] = useState(q);
  // Back, or a shared link: the box shows the URL's words again.
  if (q !== seen) {
    setSeen(q);
    setText(q);
  }
  const rawPage = Number.parseInt(params.get('page') ?? '1', 10);
  const page = Number.isFinite(rawPage) && rawPage > 0 ? rawPage : 1;
  const search = useDocumentSearch(slug, query);
  const [filtersOpen, setFiltersOpen] = useState(isWide);
  const hintId = useId();
  const resultsHeadingId = useId();

  function update(change: (next: URLSearchParams) => void, replace = false) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        change(next);
        return next;
      },
      { replace },
    );
  }
  const setPage = (next: number, options?: { replace?: boolean }) =>
    update((p) => (next > 1 ? p.set('page', String(next)) : p.delete('page')), options?.replace ?? false);
  const steppingBack = useStepBackFromMissingPage(search.error, page, setPage);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update((p) => {
      if (text.trim()) p.set('q', text.trim());
      else p.delete('q');
      p.delete('page');
    });
  }

  function onToggle(facet: FacetName, value: string) {
    update((p) => {
      const values = p.getAll(facet);
      p.delete(facet);
      const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
      for (const v of next) p.append(facet, v);
      p.delete('page');
    });
  }

  const ticked = FACETS.reduce((total, facet) => total + params.getAll(facet).length, 0);
  const filtered = ticked > 0;
  const sort = params.get('sort') ?? '';

  useEffect(() => {
    // Keeps the results heading in view after paging on a phone.
    if (page > 1) document.getElementById(resultsHeadingId)?.scrollIntoView?.({ block: 'start' });
  }, [page, resultsHeadingId]);

  return (
    <>
      <PageHeader
        title={t('policybank.title')}
        description={t('policybank.description')}
        actions={
          canAdd || canImport ? (
            <>
              {canAdd && (
                <Link className="btn btn-primary" to={`/w/${encodeURIComponent(slug)}/policy/new`}>
                  {t('policybank.add')}
                </Link>
              )}
              {canImport && (
                <Link className="btn btn-secondary" to={`/w/${encodeURIComponent(slug)}/policy/import`}>
                  {t('policybank.import.link')}
                </Link>
              )}
            </>
          ) : undefined
        }
      />
      <form role="search" className="policy-search-form" onSubmit={onSubmit}>
        <label htmlFor={`${hintId}-q`} className="field-label">
          {t('policybank.search.label')}
        </label>
        <div className="policy-search-row">
          <input
            id={`${hintId}-q`}
            className="input"
            type="search"
            name="q"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={hintId}
            enterKeyHint="search"
          />
          <Button type="submit" variant="primary">
            {t('policybank.search.submit')}
          </Button>
        </div>
        <p id={hintId} className="field-hint">
          {t('policybank.search.hint')}
        </p>
      </form>

      <div className="policy-search-layout">
        <aside aria-label={t('policybank.search.filters')}>
          {/* On a phone the filters start folded so the results come first. */}
          <details className="policy-filters" open={filtersOpen} onToggle={(event) => setFiltersOpen(event.currentTarget.open)}>
            <summary className="section-title">
              <span>{t('policybank.search.filters')}</span>
              {/* Folded on a phone, the summary is all that says the results are filtered. */}
              {filtered && (
                <span className="policy-selected">
                  {t('policybank.search.selected', { count: ticked, formatted: format.number(ticked) })}
                </span>
              )}
            </summary>
            {search.data && (
              <Facets facets={search.data.facets} exact={search.data.facetsExact} selected={(facet) => params.getAll(facet)} onToggle={onToggle} />
            )}
          </details>
          {filtered && (
            <Button
              variant="ghost"
              onClick={() =>
                update((p) => {
                  for (const facet of FACETS) p.delete(facet);
                  p.delete('page');
                })
              }
            >
              {t('policybank.search.clearFilters')}
            </Button>
          )}
        </aside>
        <section aria-labelledby={resultsHeadingId} aria-busy={search.isFetching || undefined}>
          <div className="policy-results-header">
            <h2 id={resultsHeadingId} className="section-title" aria-live="polite">
              {search.data
                ? t(search.data.countExact ? 'policybank.search.count' : 'policybank.search.countAtLeast', {
                    count: search.data.count,
                    formatted: format.number(search.data.count),
                  })
                : t('policybank.search.results')}
            </h2>
            <label className="policy-sort">
              <span>{t('policybank.search.sort')}</span>{' '}
              <select
                className="input select"
                value={sort}
                onChange={(event) =>
                  update((p) => {
                    if (event.target.value) p.set('sort', event.target.value);
                    else p.delete('sort');
                    p.delete('page');
                  }, true)
                }
              >
                <option value="">{t('policybank.sorts.default')}</option>
                {SORTS.filter((s) => s !== 'relevance').map((s) => (
                  <option key={s} value={s}>
                    {t(`policybank.sorts.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {search.isPending || steppingBack ? (
            <SearchSkeleton />
          ) : search.isError ? (
            <QueryError error={search.error} onRetry={() => void search.refetch()} />
          ) : search.data.results.length === 0 ? (
            <EmptyState title={t('policybank.search.emptyTitle')}>
              <p>{q || filtered ? t('policybank.search.emptyFiltered') : t('policybank.search.emptyBank')}</p>
            </EmptyState>
          ) : (
            <>
              <ol className="policy-results">
                {search.data.results.map((hit) => (
                  <ResultItem key={hit.id} hit={hit} slug={slug} />
                ))}
              </ol>
              <Pagination
                page={page}
                of={search.data}
                pageSize={search.data.pageSize ?? undefined}
                onPageChange={(next) => setPage(next)}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
