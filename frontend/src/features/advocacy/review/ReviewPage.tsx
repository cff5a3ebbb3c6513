import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Badge, Button, LoadingBlock, NotFoundState, PageHeader, QueryError, TextArea } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import type { AgendaWorkflow, CommentResponse, Review, ReviewComment, ReviewCreate, SubmissionDetail } from '../api/reviews';
import { useAgendaWorkflow, useCreateReview, useRespondToComment, useSubmission } from '../hooks/useReviews';
import { describeRows, detailsLine, isRowSection, methodsOf, rowLookup, type RowLookup } from './frozenRows';
import { proseText } from './proseText';
import './review.css';

type Section = keyof SubmissionDetail['content'];
const SECTIONS: readonly Section[] = [
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
];
const SCORES = [1, 2, 3, 4, 5] as const;

/** The route's page: agendas/<id>/submissions/<n>. */
export function ReviewPage() {
  const { agendaId, number } = useParams();
  const id = Number(agendaId);
  const n = Number(number);
  if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(n) || n <= 0) return <NotFoundState />;
  return <ReviewScreen key={`${id}-${n}`} agendaId={id} number={n} />;
}

interface DraftComment {
  id: number;
  section: Section;
  body: string;
}

function ReviewScreen({ agendaId, number }: { agendaId: number; number: number }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const detail = useSubmission(slug, agendaId, number);
  const workflow = useAgendaWorkflow(slug, agendaId);
  const [drafts, setDrafts] = useState<DraftComment[]>([]);
  const reviewsHeading = useRef<HTMLHeadingElement>(null);

  if (detail.isPending || workflow.isPending) return <LoadingBlock />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (workflow.isError) return <QueryError error={workflow.error} onRetry={() => void workflow.refetch()} />;
  const { submission, content, reviews, hidden_reviews: hidden } = detail.data;
  const lookup = rowLookup(content);
  const isCurrent = workflow.data.current_submission?.number === submission.number;
  const reviewing = workflow.data.can_review && isCurrent && submission.status === 'pending';
  const base = `/w/${encodeURIComponent(slug)}/agendas/${agendaId}`;

  return (
    <>
      <p>
        <Link to={base}>{t('review.diff.back')}</Link>
      </p>
      <PageHeader
        title={t('review.page.title', { title: submission.title, number: submission.number })}
        description={
          <span className="rv-header-meta">
            <Badge tone={submission.status === 'approved' ? 'success' : 'info'}>{t(`review.submissionStatus.${submission.status}`)}</Badge>
            <span>{t('review.page.version', { version: submission.agenda_version })}</span>
          </span>
        }
        actions={
          submission.number > 1 ? (
            <Link className="btn btn-secondary" to={`${base}/submissions/${submission.number}/diff?against=${submission.number - 1}`}>
              {t('review.diff.compare', { previous: submission.number - 1 })}
            </Link>
          ) : undefined
        }
      />
      <Alert tone="info" messages={[t('review.page.frozen')]} />
      {submission.note && (
        <Alert tone="info" title={t('review.page.note')}>
          <p className="rv-history-note">{submission.note}</p>
        </Alert>
      )}
      <div className="rv-content">
        {SECTIONS.map((section) => (
          <FrozenSection
            key={section}
            section={section}
            value={content[section]}
            lookup={lookup}
            drafts={drafts.filter((draft) => draft.section === section)}
            onAdd={reviewing ? (body) => setDrafts((all) => [...all, { id: Date.now() + all.length, section, body }]) : undefined}
            onRemove={(id) => setDrafts((all) => all.filter((draft) => draft.id !== id))}
          />
        ))}
      </div>
      {reviewing && (
        <ReviewForm
          slug={slug}
          agendaId={agendaId}
          detail={detail.data}
          drafts={drafts}
          onDone={() => {
            setDrafts([]);
            reviewsHeading.current?.focus();
          }}
        />
      )}
      <section className="rv-reviews" aria-labelledby={`${agendaId}-reviews`}>
        <h2 id={`${agendaId}-reviews`} ref={reviewsHeading} tabIndex={-1}>
          {t('review.page.reviews')}
        </h2>
        {hidden > 0 && <Alert tone="info" messages={[t('review.page.hidden', { count: hidden })]} />}
        {reviews.length === 0 && hidden === 0 && <p className="muted">{t('review.page.noReviews')}</p>}
        {reviews.map((review) => (
          <ReviewCard key={review.id} review={review} slug={slug} agendaId={agendaId} number={number} workflow={workflow.data} />
        ))}
      </section>
    </>
  );
}

function FrozenSection({
  section,
  value,
  lookup,
  drafts,
  onAdd,
  onRemove,
}: {
  section: Section;
  value: SubmissionDetail['content'][Section];
  lookup: RowLookup;
  drafts: DraftComment[];
  onAdd?: (body: string) => void;
  onRemove: (id: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const title = t(`advocacyAgenda.sections.${section}`);
  const rows = isRowSection(section)
    ? describeRows(section, value, { t, lookup, date: (iso) => format.date(iso, 'UTC', 'medium') }).filter(
        (row) => row.main || row.details.length,
      )
    : null;
  const methods = section === 'methods' ? methodsOf(value) : null;
  const items = methods ? methods.methods.map((method) => t(`advocacyAgenda.method.${method}`)) : null;
  // Prose is stored as sanitised HTML: show its words, not its tags.
  const text = methods ? methods.note : typeof value === 'string' ? proseText(value) : '';
  return (
    <section className="rv-frozen" id={`submission-${section}`} aria-label={title}>
      <h2>{title}</h2>
      {items && text && <p className="rv-words">{text}</p>}
      {rows ? (
        rows.length ? (
          <ul className="rv-frozen-rows">
            {rows.map((row, index) => (
              <li key={index}>
                {row.main || <span className="muted">{t('advocacyAgenda.noneYet')}</span>}
                {row.details.length > 0 && <span className="rv-row-details">{detailsLine(row.details)}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('advocacyAgenda.noneYet')}</p>
        )
      ) : items ? (
        items.length ? (
          <ul className="rv-frozen-rows">
            {items.map((item, index) => (
              <li key={index}>{item}</li>
            ))}
          </ul>
        ) : (
          !text && <p className="muted">{t('advocacyAgenda.noneYet')}</p>
        )
      ) : text ? (
        <p className="rv-words">{text}</p>
      ) : (
        <p className="muted">{t('advocacyAgenda.noneYet')}</p>
      )}
      {drafts.map((draft) => (
        <div key={draft.id} className="rv-draft-comment">
          <p>
            <strong>{t('review.form.yourComment')}</strong> {draft.body}
          </p>
          <Button variant="ghost" onClick={() => onRemove(draft.id)}>
            {t('review.form.removeComment')}
          </Button>
        </div>
      ))}
      {onAdd &&
        (open ? (
          <div className="rv-add-comment">
            <TextArea
              label={t('review.form.commentOn', { section: title })}
              value={body}
              rows={3}
              error={error}
              autoFocus
              onChange={(event) => setBody(event.target.value)}
            />
            <div className="rv-buttons">
              <Button
                variant="primary"
                onClick={() => {
                  if (!body.trim()) {
                    setError(t('review.form.commentRequired'));
                    return;
                  }
                  onAdd(body.trim());
                  setBody('');
                  setError(undefined);
                  setOpen(false);
                }}
              >
                {t('review.form.addComment')}
              </Button>
              <Button onClick={() => setOpen(false)}>{t('review.panel.cancel')}</Button>
            </div>
          </div>
        ) : (
          <div className="rv-buttons">
            <Button onClick={() => setOpen(true)}>{t('review.form.commentSection')}</Button>
          </div>
        ))}
    </section>
  );
}

function ReviewForm({
  slug,
  agendaId,
  detail,
  drafts,
  onDone,
}: {
  slug: string;
  agendaId: number;
  detail: SubmissionDetail;
  drafts: DraftComment[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateReview(slug, agendaId, detail.submission.number);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [decision, setDecision] = useState<ReviewCreate['decision'] | null>(null);
  const [reasons, setReasons] = useState('');
  const [local, setLocal] = useState<{ scores?: string; decision?: string; reasons?: string }>({});
  const headingId = useId();
  const errorsRef = useRef<HTMLDivElement>(null);
  const server = formErrors(create.error, ['scores', 'decision', 'reasons', 'comments'] as const);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = detail.rubric.filter((criterion) => !scores[criterion.key]);
    const problems = {
      scores: missing.length ? t('review.form.scoresRequired', { criteria: missing.map((c) => c.label).join(', ') }) : undefined,
      decision: decision ? undefined : t('review.form.decisionRequired'),
      reasons: decision === 'request_changes' && !reasons.trim() ? t('review.form.reasonsRequired') : undefined,
    };
    setLocal(problems);
    if (problems.scores || problems.decision || problems.reasons || !decision) {
      requestAnimationFrame(() => errorsRef.current?.focus());
      return;
    }
    create.mutate(
      {
        decision,
        reasons: reasons.trim(),
        scores: detail.rubric.map((criterion) => ({
          criterion: criterion.key,
          score: scores[criterion.key],
          comment: (notes[criterion.key] ?? '').trim(),
        })),
        comments: drafts.map((draft) => ({ section: draft.section, body: draft.body })),
      },
      { onSuccess: onDone, onError: () => requestAnimationFrame(() => errorsRef.current?.focus()) },
    );
  };

  const messages = [local.scores, local.decision, local.reasons, server.fields.scores, server.fields.decision, server.fields.reasons, server.fields.comments, ...server.general].filter(
    (message): message is string => Boolean(message),
  );

  return (
    <form className="rv-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>{t('review.form.title')}</h2>
      <p className="muted">{t('review.form.intro', { count: drafts.length })}</p>
      <div ref={errorsRef} tabIndex={-1}>
        {messages.length > 0 && <Alert tone="error" messages={messages} />}
      </div>
      {detail.rubric.map((criterion) => (
        <fieldset key={criterion.key} className="rv-criterion">
          <legend>{criterion.label}</legend>
          <div className="rv-scale" role="radiogroup" aria-label={t('review.form.scoreFor', { criterion: criterion.label })}>
            {SCORES.map((score) => (
              <label key={score} className="rv-score">
                <input
                  type="radio"
                  name={`score-${criterion.key}`}
                  value={score}
                  checked={scores[criterion.key] === score}
                  onChange={() => setScores((all) => ({ ...all, [criterion.key]: score }))}
                />
                <span>{t('review.form.score', { score })}</span>
              </label>
            ))}
          </div>
          <TextArea
            label={t('review.form.criterionComment', { criterion: criterion.label })}
            rows={2}
            value={notes[criterion.key] ?? ''}
            onChange={(event) => setNotes((all) => ({ ...all, [criterion.key]: event.target.value }))}
          />
        </fieldset>
      ))}
      <fieldset className="rv-criterion">
        <legend>{t('review.form.decision')}</legend>
        <div className="rv-scale">
          {(['approve', 'request_changes'] as const).map((value) => (
            <label key={value} className="rv-score">
              <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} />
              <span>{t(`review.decision.${value}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea
        label={t('review.form.reasons')}
        hint={t('review.form.reasonsHint')}
        required={decision === 'request_changes'}
        error={local.reasons ?? server.fields.reasons}
        value={reasons}
        onChange={(event) => setReasons(event.target.value)}
      />
      <div className="rv-buttons">
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('review.form.send')}
        </Button>
      </div>
    </form>
  );
}

function ReviewCard({
  review,
  slug,
  agendaId,
  number,
  workflow,
}: {
  review: Review;
  slug: string;
  agendaId: number;
  number: number;
  workflow: AgendaWorkflow;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article className="rv-review" aria-label={t('review.page.reviewBy', { name: review.reviewer.name })}>
      <header className="rv-history-head">
        <h3>{review.reviewer.name}</h3>
        <Badge tone={review.decision === 'approve' ? 'success' : 'info'}>{t(`review.decision.${review.decision}`)}</Badge>
        <span className="rv-history-meta">{format.dateTime(review.created_at)}</span>
      </header>
      {review.reasons && <p className="rv-history-note">{review.reasons}</p>}
      <dl className="rv-scores">
        {review.scores.map((score) => (
          <div key={score.criterion}>
            <dt>{score.label}</dt>
            <dd>
              {t('review.page.scoreOf', { score: score.score })}
              {score.comment && <span className="rv-history-note"> — {score.comment}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {review.comments.length > 0 && (
        <ul className="rv-comments">
          {review.comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} slug={slug} agendaId={agendaId} number={number} canRespond={workflow.can_respond} />
          ))}
        </ul>
      )}
    </article>
  );
}

function CommentItem({
  comment,
  slug,
  agendaId,
  number,
  canRespond,
}: {
  comment: ReviewComment;
  slug: string;
  agendaId: number;
  number: number;
  canRespond: boolean;
}) {
  const { t } = useTranslation();
  const respond = useRespondToComment(slug, agendaId, number);
  const [choice, setChoice] = useState<CommentResponse['response'] | null>(comment.response ?? null);
  const [reason, setReason] = useState(comment.response_reason);
  const [localError, setLocalError] = useState<string | undefined>();
  const groupName = `response-${comment.id}`;
  const errors = formErrors(respond.error, ['response', 'reason'] as const);

  return (
    <li className="rv-comment">
      <p>
        <strong>{t(`advocacyAgenda.sections.${comment.section}`)}:</strong> {comment.body}
      </p>
      {comment.response ? (
        <p className="rv-history-meta">
          {t('review.respond.answered', { response: t(`review.respond.${comment.response}`) })}
          {comment.response_reason && ` — ${comment.response_reason}`}
        </p>
      ) : (
        <p className="rv-history-meta">{t('review.respond.unanswered')}</p>
      )}
      {canRespond && (
        <form
          className="rv-respond"
          onSubmit={(event) => {
            event.preventDefault();
            if (!choice) {
              setLocalError(t('review.respond.choose'));
              return;
            }
            if (choice === 'declined' && !reason.trim()) {
              setLocalError(t('review.respond.reasonRequired'));
              return;
            }
            setLocalError(undefined);
            respond.mutate({ commentId: comment.id, body: { response: choice, reason: reason.trim() } });
          }}
        >
          <fieldset className="rv-criterion">
            <legend>{t('review.respond.legend')}</legend>
            <div className="rv-scale">
              {(['accepted', 'done', 'declined'] as const).map((value) => (
                <label key={value} className="rv-score">
                  <input type="radio" name={groupName} value={value} checked={choice === value} onChange={() => setChoice(value)} />
                  <span>{t(`review.respond.${value}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <TextArea
            label={t('review.respond.reason')}
            hint={t('review.respond.reasonHint')}
            rows={2}
            value={reason}
            error={localError ?? errors.fields.reason ?? errors.fields.response}
            onChange={(event) => setReason(event.target.value)}
          />
          {errors.general.length > 0 && <Alert tone="error" messages={errors.general} />}
          {respond.isSuccess && !respond.isPending && <p role="status">{t('review.respond.saved')}</p>}
          <div className="rv-buttons">
            <Button type="submit" busy={respond.isPending}>
              {t('review.respond.save')}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
