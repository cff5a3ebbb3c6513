import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { Alert, Button, LoadingBlock, NotFoundState, PageHeader, QueryError, Select, TextArea } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useWorkspaceSlug } from '../../../lib/workspaceSlug';
import { organisationName } from '../../../lib/workspaceOptions';
import { ACTION_STATUSES, isActionStatus, type ActionDetail, type ActionStatus } from '../api/actions';
import { useAction, useAddProgressNote, useUpdateActionStatus } from '../hooks/useActions';
import { ActionStatusBadge, OverdueTag, activityText, useDueDate } from './ActionBits';
import type { FromNetworkList } from './ActionsPage';

/** The route's page: actions/<id>. */
export function ActionPage() {
  const { actionId } = useParams();
  const id = Number(actionId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundState />;
  return <ActionScreen key={id} actionId={id} />;
}

function fromNetworkList(state: unknown): FromNetworkList | null {
  if (!state || typeof state !== 'object') return null;
  const { from, search } = state as Partial<FromNetworkList>;
  return from === 'network-list' && typeof search === 'string' ? { from, search } : null;
}

function ActionScreen({ actionId }: { actionId: number }) {
  const { t } = useTranslation();
  const slug = useWorkspaceSlug();
  const location = useLocation();
  const action = useAction(slug, actionId);
  const base = `/w/${encodeURIComponent(slug)}`;
  const list = fromNetworkList(location.state);
  const back = list
    ? { to: `${base}/actions${list.search}`, label: t('actions.detail.backToList') }
    : { to: base, label: t('actions.detail.backToDashboard') };

  if (action.isPending) return <LoadingBlock />;
  if (action.isError) return <QueryError error={action.error} onRetry={() => void action.refetch()} />;
  const detail = action.data;

  return (
    <>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <PageHeader
        title={activityText(detail, t('actions.untitled'))}
        description={
          <span className="act-header-meta">
            <ActionStatusBadge status={detail.status} />
            {detail.overdue && <OverdueTag />}
          </span>
        }
        actions={
          <Link className="btn btn-secondary" to={`${base}/agendas/${detail.agenda_id}`}>
            {t('actions.detail.openAgenda')}
          </Link>
        }
      />
      <Facts detail={detail} />
      {detail.can_update ? (
        <StatusForm slug={slug} detail={detail} />
      ) : (
        <Alert
          tone="info"
          messages={[
            detail.organisation
              ? t('actions.detail.readOnly', { organisation: organisationName(detail.organisation) })
              : t('actions.detail.readOnlyNoOrganisation'),
          ]}
        />
      )}
      <Notes slug={slug} detail={detail} />
    </>
  );
}

function Facts({ detail }: { detail: ActionDetail }) {
  const { t } = useTranslation();
  const dueDate = useDueDate();
  const none = <span className="muted">{t('actions.detail.none')}</span>;
  return (
    <dl className="act-facts">
      <div>
        <dt>{t('actions.fields.agenda')}</dt>
        <dd>{detail.agenda_title}</dd>
      </div>
      <div>
        <dt>{t('actions.fields.group')}</dt>
        <dd>{detail.group_name}</dd>
      </div>
      <div>
        <dt>{t('actions.fields.organisation')}</dt>
        <dd>{detail.organisation ? organisationName(detail.organisation) : t('actions.noOrganisation')}</dd>
      </div>
      <div>
        <dt>{t('actions.fields.start')}</dt>
        <dd>{detail.start ? <time dateTime={detail.start}>{dueDate(detail.start)}</time> : none}</dd>
      </div>
      <div className={detail.overdue ? 'is-overdue' : undefined}>
        <dt>{t('actions.fields.due')}</dt>
        <dd>
          {detail.due ? <time dateTime={detail.due}>{dueDate(detail.due)}</time> : none}
          {detail.overdue && (
            <>
              {' '}
              <OverdueTag />
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('actions.fields.resources')}</dt>
        <dd>{detail.resources.trim() ? detail.resources : none}</dd>
      </div>
    </dl>
  );
}

function StatusForm({ slug, detail }: { slug: string; detail: ActionDetail }) {
  const { t } = useTranslation();
  const update = useUpdateActionStatus(slug, detail.id);
  // null until the person picks one, so a status changed elsewhere shows rather than a stale choice.
  const [chosen, setChosen] = useState<ActionStatus | null>(null);
  const [saved, setSaved] = useState(false);
  const headingId = useId();
  const errors = formErrors(update.error, ['status'] as const);
  const value = chosen ?? detail.status;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate(value, {
      onSuccess: () => {
        setChosen(null);
        setSaved(true);
      },
    });
  };

  return (
    <form className="act-panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>{t('actions.detail.statusTitle')}</h2>
      <Select
        label={t('actions.fields.status')}
        value={value}
        error={errors.fields.status}
        onChange={(event) => {
          if (isActionStatus(event.target.value)) setChosen(event.target.value);
          setSaved(false);
          if (update.isError) update.reset();
        }}
        options={ACTION_STATUSES.map((status) => ({ value: status, label: t(`actions.status.${status}`) }))}
      />
      {errors.general.length > 0 && <Alert tone="error" messages={errors.general} />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          {t('actions.detail.saveStatus')}
        </Button>
        {/* Always in the page: a live region added together with its text is often not announced. */}
        <span role="status">{saved && !update.isPending ? t('actions.detail.statusSaved') : null}</span>
      </div>
    </form>
  );
}

function Notes({ slug, detail }: { slug: string; detail: ActionDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  return (
    <section className="act-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('actions.detail.notesTitle')}</h2>
      {detail.notes.length === 0 ? (
        <p className="muted">{t('actions.detail.noNotes')}</p>
      ) : (
        <ol className="act-notes">
          {detail.notes.map((note) => (
            <li key={note.id}>
              <p className="act-note-meta">
                {t('actions.detail.noteBy', {
                  name: note.author?.name || t('actions.detail.formerMember'),
                  when: format.dateTime(note.created_at),
                })}
              </p>
              <p className="act-note-text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      {detail.can_update && <NoteForm slug={slug} actionId={detail.id} />}
    </section>
  );
}

function NoteForm({ slug, actionId }: { slug: string; actionId: number }) {
  const { t } = useTranslation();
  const add = useAddProgressNote(slug, actionId);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [added, setAdded] = useState(false);
  const errors = formErrors(add.error, ['text'] as const);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    // What was typed stays in the box until the server has the note.
    add.mutate(text.trim(), {
      onSuccess: () => {
        setText('');
        setAdded(true);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <TextArea
        label={t('actions.detail.noteLabel')}
        hint={t('actions.detail.noteHint')}
        rows={3}
        value={text}
        error={missing ? t('actions.detail.noteRequired') : errors.fields.text}
        onChange={(event) => {
          setText(event.target.value);
          setMissing(false);
          setAdded(false);
          if (add.isError) add.reset();
        }}
      />
      {errors.general.length > 0 && <Alert tone="error" messages={errors.general} />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={add.isPending}>
          {t('actions.detail.addNote')}
        </Button>
        <span role="status">{added && !add.isPending ? t('actions.detail.noteAdded') : null}</span>
      </div>
    </form>
  );
}
