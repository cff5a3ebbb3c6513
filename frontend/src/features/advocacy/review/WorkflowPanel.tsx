import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Badge, Button, LoadingBlock, QueryError, TextArea } from '../../../components/ui';
import { ApiError, formErrors } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import type { AgendaWorkflow, SubmissionSummary, WorkflowStep } from '../api/reviews';
import { useAgendaWorkflow, useSubmissions, useSubmitAgenda, useWorkflowStep } from '../hooks/useReviews';
import './review.css';

const SECTION_KEYS = new Set([
  'issue_statement',
  'goal',
  'objectives',
  'stakeholders',
  'messages',
  'methods',
  'actions',
  'indicators',
  'risks',
  'policy_support',
]);

/**
 * The agenda's place in the executive committee's review: its status and version, the step this
 * person may take next (submit, revise, reopen, publish) and the submissions made so far.
 */
export function WorkflowPanel({ slug, agendaId }: { slug: string; agendaId: number }) {
  const { t } = useTranslation();
  const workflow = useAgendaWorkflow(slug, agendaId);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (workflow.isPending) return <LoadingBlock />;
  if (workflow.isError) {
    // An agenda the server no longer shows has its own not-found screen around this panel.
    if (workflow.error instanceof ApiError && workflow.error.status === 404) return null;
    return <QueryError error={workflow.error} onRetry={() => void workflow.refetch()} />;
  }
  return (
    <section className="rv-panel" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="rv-panel-title">
        {t('review.panel.title')}
      </h2>
      <WorkflowSummary workflow={workflow.data} />
      <WorkflowActions slug={slug} agendaId={agendaId} workflow={workflow.data} onDone={() => headingRef.current?.focus()} />
      <SubmissionHistory slug={slug} agendaId={agendaId} />
      {(workflow.data.can_review || workflow.data.can_publish) && (
        <p>
          <Link className="rv-history-link" to={`/w/${encodeURIComponent(slug)}/review-settings`}>
            {t('review.settings.open')}
          </Link>
        </p>
      )}
    </section>
  );
}

function WorkflowSummary({ workflow }: { workflow: AgendaWorkflow }) {
  const { t } = useTranslation();
  return (
    <dl className="rv-summary">
      <div>
        <dt>{t('review.panel.status')}</dt>
        <dd>
          <Badge tone={statusTone(workflow.status)}>{t(`advocacy.agendaStatus.${workflow.status}`)}</Badge>
        </dd>
      </div>
      <div>
        <dt>{t('review.panel.version')}</dt>
        <dd>{workflow.version}</dd>
      </div>
      {workflow.status === 'submitted' && (
        <div>
          <dt>{t('review.panel.approvals')}</dt>
          <dd>{t('review.panel.approvalsOf', { given: workflow.approvals, needed: workflow.approvals_required })}</dd>
        </div>
      )}
    </dl>
  );
}

function statusTone(status: AgendaWorkflow['status']): 'neutral' | 'success' | 'muted' | 'info' {
  if (status === 'approved' || status === 'published') return 'success';
  if (status === 'draft') return 'neutral';
  if (status === 'archived') return 'muted';
  return 'info';
}

function WorkflowActions({
  slug,
  agendaId,
  workflow,
  onDone,
}: {
  slug: string;
  agendaId: number;
  workflow: AgendaWorkflow;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const step = useWorkflowStep(slug, agendaId);
  const [composing, setComposing] = useState(false);
  const base = `/w/${encodeURIComponent(slug)}`;

  const take = (which: WorkflowStep) => step.mutate(which, { onSuccess: onDone });
  const explanation = explain(workflow);

  return (
    <div className="rv-actions">
      {explanation && <p className="rv-explain">{t(explanation)}</p>}
      {workflow.status === 'changes_requested' && workflow.current_submission && (
        <p>
          <Link className="rv-history-link" to={`${base}/agendas/${agendaId}/submissions/${workflow.current_submission.number}`}>
            {t('review.panel.readReviews')}
          </Link>
        </p>
      )}
      {workflow.status === 'submitted' && workflow.can_review && workflow.current_submission && (
        <p>
          <Link className="rv-history-link" to={`${base}/agendas/${agendaId}/submissions/${workflow.current_submission.number}`}>
            {t('review.panel.reviewNow')}
          </Link>
        </p>
      )}
      {workflow.published_document_id !== null && (
        <p>
          <Link to={`${base}/policy/documents/${workflow.published_document_id}`}>{t('review.panel.publishedLink')}</Link>
        </p>
      )}
      {step.isError && <Alert tone="error" messages={formErrors(step.error, []).general} />}
      {composing ? (
        <SubmitForm
          slug={slug}
          agendaId={agendaId}
          onCancel={() => setComposing(false)}
          onDone={() => {
            setComposing(false);
            onDone();
          }}
        />
      ) : (
        <div className="rv-buttons">
          {workflow.can_submit && (
            <Button variant="primary" onClick={() => setComposing(true)}>
              {t('review.panel.submit')}
            </Button>
          )}
          {workflow.can_revise && (
            <Button variant="primary" busy={step.isPending && step.variables === 'revise'} onClick={() => take('revise')}>
              {t('review.panel.revise')}
            </Button>
          )}
          {workflow.can_publish && (
            <Button variant="primary" busy={step.isPending && step.variables === 'publish'} onClick={() => take('publish')}>
              {t('review.panel.publish')}
            </Button>
          )}
          {workflow.can_reopen && (
            <Button busy={step.isPending && step.variables === 'reopen'} onClick={() => take('reopen')}>
              {t('review.panel.reopen')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

/** Why the agenda is where it is, in a sentence, for the states in which it cannot be edited. */
function explain(workflow: AgendaWorkflow): string | null {
  switch (workflow.status) {
    case 'submitted':
      return 'review.panel.explain.submitted';
    case 'changes_requested':
      return workflow.can_revise ? 'review.panel.explain.changesRequestedLead' : 'review.panel.explain.changesRequested';
    case 'approved':
      return 'review.panel.explain.approved';
    case 'published':
      return 'review.panel.explain.published';
    default:
      return null;
  }
}

function SubmitForm({
  slug,
  agendaId,
  onCancel,
  onDone,
}: {
  slug: string;
  agendaId: number;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const submit = useSubmitAgenda(slug, agendaId);
  const [note, setNote] = useState('');
  const missing =
    submit.error instanceof ApiError ? (submit.error.fieldErrors.missing_sections ?? []).filter((key) => SECTION_KEYS.has(key)) : [];
  const errors = formErrors(submit.error, ['missing_sections', 'note'] as const);

  return (
    <form
      className="rv-submit"
      aria-label={t('review.panel.submitForm')}
      onSubmit={(event) => {
        event.preventDefault();
        submit.mutate(note.trim(), { onSuccess: onDone });
      }}
    >
      <TextArea
        label={t('review.panel.note')}
        hint={t('review.panel.noteHint')}
        value={note}
        rows={3}
        error={errors.fields.note}
        onChange={(event) => setNote(event.target.value)}
      />
      {missing.length > 0 ? (
        <Alert tone="error" title={t('review.panel.missingTitle')}>
          <p>{t('review.panel.missingIntro')}</p>
          <ul className="rv-missing">
            {missing.map((section) => (
              <li key={section}>
                <a href={`#agenda-${section}`}>{t(`advocacyAgenda.sections.${section}`)}</a>
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        errors.general.length > 0 && <Alert tone="error" messages={errors.general} />
      )}
      <div className="rv-buttons">
        <Button type="submit" variant="primary" busy={submit.isPending}>
          {t('review.panel.submitConfirm')}
        </Button>
        <Button onClick={onCancel}>{t('review.panel.cancel')}</Button>
      </div>
    </form>
  );
}

function SubmissionHistory({ slug, agendaId }: { slug: string; agendaId: number }) {
  const { t } = useTranslation();
  const submissions = useSubmissions(slug, agendaId);
  const headingId = useId();
  if (submissions.isPending) return null;
  if (submissions.isError) return <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />;
  const rows = submissions.data.results;
  return (
    <div className="rv-history">
      <h3 id={headingId}>{t('review.history.title')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('review.history.none')}</p>
      ) : (
        <ol className="rv-history-list" aria-labelledby={headingId} reversed>
          {[...rows].sort((a, b) => b.number - a.number).map((row) => (
            <SubmissionRow key={row.number} row={row} path={`/w/${encodeURIComponent(slug)}/agendas/${agendaId}/submissions/${row.number}`} />
          ))}
        </ol>
      )}
    </div>
  );
}

function SubmissionRow({ row, path }: { row: SubmissionSummary; path: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="rv-history-item">
      <div className="rv-history-head">
        <strong>{t('review.history.submission', { number: row.number, version: row.agenda_version })}</strong>
        <Badge tone={row.status === 'approved' ? 'success' : row.status === 'pending' ? 'neutral' : 'info'}>
          {t(`review.submissionStatus.${row.status}`)}
        </Badge>
      </div>
      <p className="rv-history-meta">
        {row.submitted_by
          ? t('review.history.submittedBy', { name: row.submitted_by.name, when: format.dateTime(row.submitted_at) })
          : t('review.history.submittedAt', { when: format.dateTime(row.submitted_at) })}
      </p>
      <p className="rv-history-meta">
        {t('review.history.reviews', { count: row.review_count })} · {t('review.history.approvals', { count: row.approvals })}
      </p>
      {row.note && <p className="rv-history-note">{row.note}</p>}
      <Link className="rv-history-link" to={path}>
        {t('review.page.open', { number: row.number })}
      </Link>{' '}
      {row.number > 1 && (
        <Link className="rv-history-link" to={`${path}/diff?against=${row.number - 1}`}>
          {t('review.diff.compare', { previous: row.number - 1 })}
        </Link>
      )}
    </li>
  );
}
