import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, ConfirmDialog, EmptyState } from '../../../components/ui';
import { formErrors } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import type { AgendaItem, MeetingDetail, PersonRef } from '../api/meetings';
import { useDeleteItem, useReorderItems } from '../hooks/useMeetings';
import { ItemDialog } from './ItemDialog';

type Direction = 'up' | 'down';

function moved(ids: number[], from: number, to: number): number[] {
  const next = [...ids];
  const [id] = next.splice(from, 1);
  next.splice(to, 0, id!);
  return next;
}

interface AgendaProps {
  slug: string;
  meeting: MeetingDetail;
  people: readonly PersonRef[];
}

/**
 * The ordered agenda. Those who may edit reorder it by dragging or with the
 * move up / move down buttons; focus stays on the moved item and the new
 * position is announced. Times and the planned end come from the server's answer.
 */
export function Agenda({ slug, meeting, people }: AgendaProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const canEdit = meeting.permissions.edit;
  const reorder = useReorderItems(slug, meeting.id);
  const remove = useDeleteItem(slug, meeting.id);
  const [editing, setEditing] = useState<AgendaItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AgendaItem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusTarget, setFocusTarget] = useState<{ id: number; direction: Direction } | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const items = meeting.items;
  const reorderErrors = formErrors(reorder.error, [] as const);
  const deleteErrors = formErrors(remove.error, [] as const);

  useEffect(() => {
    if (!focusTarget) return;
    const index = items.findIndex((item) => item.id === focusTarget.id);
    if (index < 0) return;
    // At the top or bottom the button pressed no longer applies: focus its sibling.
    const direction =
      focusTarget.direction === 'up' && index === 0
        ? 'down'
        : focusTarget.direction === 'down' && index === items.length - 1
          ? 'up'
          : focusTarget.direction;
    buttons.current.get(`${focusTarget.id}-${direction}`)?.focus();
  }, [focusTarget, items]);

  function move(item: AgendaItem, to: number, direction: Direction | null) {
    const from = items.findIndex((i) => i.id === item.id);
    if (from < 0 || to < 0 || to >= items.length || to === from || reorder.isPending) return;
    remove.reset();
    const ids = moved(
      items.map((i) => i.id),
      from,
      to,
    );
    reorder.mutate(ids, {
      onSuccess: (saved) => {
        const position = (saved?.items ?? []).findIndex((i) => i.id === item.id);
        setAnnouncement(
          t('agenda.movedTo', { title: item.title, position: (position < 0 ? to : position) + 1, count: ids.length }),
        );
        if (direction) setFocusTarget({ id: item.id, direction });
      },
    });
  }

  function confirmDelete() {
    if (!deleting) return;
    const title = deleting.title;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        setDeleting(null);
        setAnnouncement(t('agenda.deleted', { title }));
      },
    });
  }

  const addButton = canEdit && (
    <Button variant="primary" onClick={() => setEditing('new')}>
      {t('agenda.addItem')}
    </Button>
  );

  return (
    <section className="section" aria-labelledby="agenda-heading">
      <div className="page-header">
        <h2 id="agenda-heading" className="section-title">
          {t('agenda.title')}
        </h2>
        {addButton && <div className="page-actions">{addButton}</div>}
      </div>
      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>
      <Alert tone="error" messages={[...reorderErrors.general]} />
      {items.length === 0 ? (
        <EmptyState title={t('agenda.emptyTitle')} action={addButton || undefined}>
          <p>{canEdit ? t('agenda.emptyBodyEditor') : t('agenda.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          {canEdit && <p className="form-note">{t('agenda.reorderHint')}</p>}
          <ol className="agenda-list" aria-labelledby="agenda-heading">
            {items.map((item, index) => (
              <li
                key={item.id}
                className={['agenda-item', dragged === item.id ? 'is-dragging' : null].filter(Boolean).join(' ')}
                draggable={canEdit || undefined}
                onDragStart={
                  canEdit
                    ? (event) => {
                        setDragged(item.id);
                        event.dataTransfer.effectAllowed = 'move';
                        event.dataTransfer.setData('text/plain', String(item.id));
                      }
                    : undefined
                }
                onDragOver={
                  canEdit
                    ? (event) => {
                        event.preventDefault();
                        event.dataTransfer.dropEffect = 'move';
                      }
                    : undefined
                }
                onDrop={
                  canEdit
                    ? (event) => {
                        event.preventDefault();
                        const source = items.find((i) => i.id === dragged);
                        setDragged(null);
                        if (source) move(source, index, null);
                      }
                    : undefined
                }
                onDragEnd={canEdit ? () => setDragged(null) : undefined}
              >
                <div className="agenda-time">
                  <time dateTime={item.starts_at}>{format.time(item.starts_at, meeting.timezone)}</time>
                </div>
                <div className="agenda-body">
                  <h3 className="agenda-title">{item.title}</h3>
                  <div className="card-meta">
                    <Badge tone="info">{t(`agenda.kinds.${item.kind}`)}</Badge>
                    <Badge tone="muted">{t('agenda.minutes', { count: item.planned_minutes })}</Badge>
                    {item.presenter && (
                      <span className="muted">{t('agenda.presenterIs', { name: item.presenter.display_name })}</span>
                    )}
                    {item.responsible_group && (
                      <span className="muted">{t('agenda.groupIs', { name: item.responsible_group.name })}</span>
                    )}
                  </div>
                </div>
                {canEdit && (
                  <div className="agenda-actions">
                    <Button
                      variant="ghost"
                      ref={(node: HTMLButtonElement | null) => {
                        if (node) buttons.current.set(`${item.id}-up`, node);
                        else buttons.current.delete(`${item.id}-up`);
                      }}
                      aria-label={t('agenda.moveUp', { title: item.title })}
                      disabled={index === 0}
                      onClick={() => move(item, index - 1, 'up')}
                    >
                      <span aria-hidden="true">↑</span>
                    </Button>
                    <Button
                      variant="ghost"
                      ref={(node: HTMLButtonElement | null) => {
                        if (node) buttons.current.set(`${item.id}-down`, node);
                        else buttons.current.delete(`${item.id}-down`);
                      }}
                      aria-label={t('agenda.moveDown', { title: item.title })}
                      disabled={index === items.length - 1}
                      onClick={() => move(item, index + 1, 'down')}
                    >
                      <span aria-hidden="true">↓</span>
                    </Button>
                    <Button onClick={() => setEditing(item)}>
                      {t('common.edit')} <span className="visually-hidden">{item.title}</span>
                    </Button>
                    <Button
                      variant="danger"
                      onClick={() => {
                        remove.reset();
                        setDeleting(item);
                      }}
                    >
                      {t('common.delete')} <span className="visually-hidden">{item.title}</span>
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {editing && (
        <ItemDialog
          slug={slug}
          meeting={meeting}
          item={editing === 'new' ? undefined : editing}
          people={people}
          onClose={() => setEditing(null)}
          onSaved={(title) => {
            setEditing(null);
            setAnnouncement(t('agenda.saved', { title }));
          }}
        />
      )}
      <ConfirmDialog
        open={Boolean(deleting)}
        title={t('agenda.deleteTitle', { title: deleting?.title ?? '' })}
        confirmLabel={t('common.delete')}
        busy={remove.isPending}
        errors={deleteErrors.general}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>{t('agenda.deleteBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
