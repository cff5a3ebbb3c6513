import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Badge, Button, ConfirmDialog, Spinner, TextArea, TextField } from '../../../components/ui';
import { ApiError, formErrors } from '../../../lib/api';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import {
  useAllCitations,
  useCreateCitation,
  useDeleteCitation,
  usePolicySearch,
  type Citation,
  type CitationPlace,
  type FoundDocument,
} from './api';
import './citations.css';

function kindLabel(t: (key: string) => string, exists: (key: string) => boolean, kind: string): string {
  return exists(`policybank.kinds.${kind}`) ? t(`policybank.kinds.${kind}`) : kind;
}

function CitationItem({ citation, onRemove }: { citation: Citation; onRemove: (() => void) | null }) {
  const { t, i18n } = useTranslation();
  const slug = useWorkspaceSlug();
  const document = citation.document;
  // One line under the title, so the page never wraps away from the kind and year; in Khmer, which puts
  // no spaces between words, a kind run on after a title would read as part of it.
  const meta = [
    document ? kindLabel(t, (key) => i18n.exists(key), document.kind) : null,
    document?.year ? String(document.year) : null,
    citation.page ? t('citations.page', { page: citation.page }) : null,
  ].filter(Boolean);
  return (
    <li className="citation">
      <div className="citation-head">
        <div className="citation-source">
          {document ? (
            <>
              <Link className="citation-title" to={`/w/${encodeURIComponent(slug)}/policy/documents/${document.id}`}>
                {document.title}
              </Link>
              {document.removed && (
                <>
                  {' '}
                  <Badge tone="muted">{t('citations.removed')}</Badge>
                </>
              )}
            </>
          ) : (
            <span className="muted">{t('citations.withheld')}</span>
          )}
          {meta.length > 0 && <span className="citation-meta">{meta.join(' · ')}</span>}
        </div>
        {onRemove && (
          <Button
            variant="ghost"
            className="citation-remove"
            onClick={onRemove}
            aria-label={t('citations.removeNamed', { title: document?.title ?? t('citations.withheld') })}
          >
            {t('citations.remove')}
          </Button>
        )}
      </div>
      {citation.quote && <blockquote className="citation-quote">{citation.quote}</blockquote>}
    </li>
  );
}

function CiteForm({ place, onDone }: { place: CitationPlace; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const slug = useWorkspaceSlug();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<FoundDocument | null>(null);
  const [page, setPage] = useState('');
  const [quote, setQuote] = useState('');
  const search = usePolicySearch(slug, q);
  const create = useCreateCitation(slug, place);
  const errors = formErrors(create.error, ['document_id', 'page', 'quote'] as const);
  const searchId = useId();

  function onSearch(event: FormEvent) {
    event.preventDefault();
    setQ(text.trim());
  }

  return (
    <div className="citation-form" role="group" aria-label={t('citations.formLabel')}>
      {chosen ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ document_id: chosen.id, page: page.trim(), quote }, { onSuccess: onDone });
          }}
          noValidate
        >
          <Alert tone="error" messages={[...errors.general, ...(errors.fields.document_id ? [errors.fields.document_id] : [])]} />
          <div className="citation-chosen">
            <p>
              {t('citations.citing')} <strong>{chosen.title}</strong>
            </p>
            <Button onClick={() => setChosen(null)}>{t('citations.chooseAnother')}</Button>
          </div>
          <TextField
            label={t('citations.pageLabel')}
            hint={t('citations.pageHint')}
            value={page}
            onChange={(event) => setPage(event.target.value)}
            error={errors.fields.page}
          />
          <TextArea
            label={t('citations.quoteLabel')}
            rows={3}
            value={quote}
            onChange={(event) => setQuote(event.target.value)}
            error={errors.fields.quote}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t('citations.add')}
            </Button>
            <Button onClick={onDone} disabled={create.isPending}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <form role="search" onSubmit={onSearch} className="citation-search">
            <label htmlFor={searchId} className="field-label">
              {t('citations.searchLabel')}
            </label>
            <div className="citation-search-row">
              <input
                id={searchId}
                className="input"
                type="search"
                value={text}
                onChange={(event) => setText(event.target.value)}
                enterKeyHint="search"
              />
              <Button type="submit">{t('citations.search')}</Button>
              <Button variant="ghost" onClick={onDone}>
                {t('common.cancel')}
              </Button>
            </div>
          </form>
          {q &&
            (search.isPending ? (
              <Spinner label={t('citations.searching')} />
            ) : search.isError ? (
              <Alert
                tone="error"
                messages={[search.error instanceof ApiError ? search.error.message : t('errors.generic')]}
              />
            ) : search.data.length === 0 ? (
              <p role="status">{t('citations.noResults')}</p>
            ) : (
              <ul className="citation-results" aria-label={t('citations.resultsLabel')}>
                {search.data.map((found) => (
                  <li key={found.id} className="citation-result">
                    <div className="citation-source">
                      <span className="citation-result-title">{found.title}</span>
                      <span className="citation-meta">
                        {[kindLabel(t, (key) => i18n.exists(key), found.kind), found.year, found.publisher]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </div>
                    <Button
                      onClick={() => setChosen(found)}
                      aria-label={t('citations.chooseNamed', { title: found.title })}
                    >
                      {t('citations.choose')}
                    </Button>
                  </li>
                ))}
              </ul>
            ))}
        </>
      )}
    </div>
  );
}

interface CitationsProps {
  place: CitationPlace;
  citations: readonly Citation[];
  canCite: boolean;
  /** Says where the citations are, for screen readers ("Evidence for Objectives"). */
  label: string;
  /** A visible heading over the list, where nothing else on the page says what it is. */
  heading?: string;
}

/** A node's or section's evidence: the list, "Cite evidence" (inline search), and removal. */
export function Citations({ place, citations, canCite, label, heading }: CitationsProps) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const [citing, setCiting] = useState(false);
  const [removing, setRemoving] = useState<Citation | null>(null);
  const remove = useDeleteCitation(slug, place);
  if (!citations.length && !canCite) return null;
  return (
    <div className="citations" role="region" aria-label={label}>
      {heading && citations.length > 0 && <h3 className="citations-heading">{heading}</h3>}
      {citations.length > 0 && (
        <ul className="citation-list">
          {citations.map((citation) => (
            <CitationItem
              key={citation.id}
              citation={citation}
              onRemove={canCite && citation.can_edit ? () => setRemoving(citation) : null}
            />
          ))}
        </ul>
      )}
      {canCite &&
        (citing ? (
          <CiteForm place={place} onDone={() => setCiting(false)} />
        ) : (
          <Button onClick={() => setCiting(true)}>{t('citations.cite')}</Button>
        ))}
      <ConfirmDialog
        open={removing !== null}
        title={t('citations.removeTitle')}
        confirmLabel={t('citations.remove')}
        busy={remove.isPending}
        errors={remove.error ? formErrors(remove.error, [] as const).general : []}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => setRemoving(null),
          })
        }
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
      >
        <p>{t('citations.removeBody', { title: removing?.document?.title ?? t('citations.withheld') })}</p>
      </ConfirmDialog>
    </div>
  );
}

/** An agenda section's evidence: one request for the whole agenda, each section shows its own. */
export function AgendaSectionCitations({ agendaId, section, sectionTitle }: { agendaId: number; section: string; sectionTitle: string }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const all = useAllCitations(slug, 'agenda', agendaId);
  // Evidence is extra: if it cannot be loaded the section still works, so no error block here.
  if (!all.data) return null;
  const citations = all.data.citations.filter((citation) => citation.section === section);
  return (
    <Citations
      place={{ kind: 'agenda', agendaId, section }}
      citations={citations}
      canCite={all.data.can_cite}
      label={t('citations.regionLabel', { place: sectionTitle })}
      heading={t('citations.sectionTitle')}
    />
  );
}

export interface CitableNode {
  key: string;
  label: string;
}

/** A tree's evidence, node by node, with "Cite evidence" for a chosen node. */
export function TreeCitations({ treeId, nodes }: { treeId: number; nodes: readonly CitableNode[] }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const all = useAllCitations(slug, 'tree', treeId);
  const [nodeKey, setNodeKey] = useState('');
  const pickerId = useId();
  if (!all.data) return null;
  const byNode = new Map<string, Citation[]>();
  for (const citation of all.data.citations) {
    byNode.set(citation.node_key, [...(byNode.get(citation.node_key) ?? []), citation]);
  }
  const labelOf = (key: string) => nodes.find((node) => node.key === key)?.label || t('citations.nodeRemoved');
  const selected = nodeKey && nodes.some((node) => node.key === nodeKey) ? nodeKey : '';
  const citedKeys = [...byNode.keys()].filter((key) => key !== selected);
  if (!all.data.can_cite && citedKeys.length === 0) return null;
  return (
    <section className="section tree-citations" aria-labelledby={`${pickerId}-title`}>
      <h2 id={`${pickerId}-title`} className="section-title">
        {t('citations.treeTitle')}
      </h2>
      {all.data.can_cite && (
        <div className="field">
          <label htmlFor={pickerId} className="field-label">
            {t('citations.nodePicker')}
          </label>
          <select id={pickerId} className="input select" value={selected} onChange={(event) => setNodeKey(event.target.value)}>
            <option value="">{t('citations.chooseNode')}</option>
            {nodes.map((node) => (
              <option key={node.key} value={node.key}>
                {node.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {selected && (
        <div className="citation-node">
          <h3 className="citation-node-title">{labelOf(selected)}</h3>
          <Citations
            place={{ kind: 'tree', treeId, nodeKey: selected }}
            citations={byNode.get(selected) ?? []}
            canCite={all.data.can_cite}
            label={t('citations.regionLabel', { place: labelOf(selected) })}
          />
        </div>
      )}
      {citedKeys.map((key) => (
        <div key={key} className="citation-node">
          <h3 className="citation-node-title">{labelOf(key)}</h3>
          <Citations
            place={{ kind: 'tree', treeId, nodeKey: key }}
            citations={byNode.get(key) ?? []}
            canCite={false}
            label={t('citations.regionLabel', { place: labelOf(key) })}
          />
        </div>
      ))}
    </section>
  );
}
