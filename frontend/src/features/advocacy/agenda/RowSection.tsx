import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, EmptyState, Select, Table, TextField, type Column, type SelectOption } from '../../../components/ui';
import { LiveTextInput, type LiveText } from '../../../lib/live';
import { isIsoDate, type AgendaRows, type RowCollection } from '../../../lib/live/agendaDoc';
import { useAgendaView, useRows } from './agendaContext';
import { EditingBy } from './editing';
import { rowLabel, rowNumberLabel } from './rowLabels';

export interface RowField<C extends RowCollection> {
  key: string;
  label: string;
  /** Takes a whole line of the card (long text). */
  wide?: boolean;
  edit: (row: AgendaRows[C], index: number) => ReactNode;
  read: (row: AgendaRows[C], index: number) => ReactNode;
}

interface RowSectionProps<C extends RowCollection> {
  collection: C;
  fields: RowField<C>[];
  addLabel: string;
  emptyTitle: string;
  emptyBody?: string;
  /** Shown after the rows (e.g. the stakeholder grid). */
  children?: ReactNode;
}

/**
 * The rows of one collection: an editable card per row (a fieldset of labelled fields, with move
 * and remove buttons), or, for people who may only read, a table that becomes cards on a phone.
 */
export function RowSection<C extends RowCollection>({ collection, fields, addLabel, emptyTitle, emptyBody, children }: RowSectionProps<C>) {
  const { t } = useTranslation();
  const { model, readOnly, others } = useAgendaView();
  const rows = useRows(collection);
  const listRef = useRef<HTMLOListElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  // Focus the first field of the row just added, once it is on screen.
  useEffect(() => {
    if (!added) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-row-key="${added}"]`);
    const field = row?.querySelector<HTMLElement>('input, textarea, select');
    if (field) {
      field.focus();
      setAdded(null);
    }
  }, [added, rows]);

  useEffect(() => {
    if (removed) undoRef.current?.focus();
  }, [removed]);

  if (readOnly) {
    if (!rows.length) return <p className="muted">{t('advocacyAgenda.noneYet')}</p>;
    const columns: Column<AgendaRows[C]>[] = [
      {
        key: 'number',
        header: '#',
        label: t('advocacyAgenda.number'),
        className: 'adv-cell-number',
        render: (row) => rows.indexOf(row) + 1,
      },
      ...fields.map((field) => ({
        key: field.key,
        header: field.label,
        render: (row: AgendaRows[C]) => field.read(row, rows.indexOf(row)),
      })),
    ];
    return (
      <>
        <Table
          caption={t(`advocacyAgenda.sections.${collection}`)}
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(row) => row.key}
          className="adv-read-table"
        />
        {children}
      </>
    );
  }

  function add() {
    setRemoved(null);
    setAdded(model.addRow(collection));
  }

  function remove(row: AgendaRows[C], index: number) {
    const label = rowLabel(t, collection, row, index);
    model.removeRow(collection, row.key);
    setRemoved(label);
  }

  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title={emptyTitle}>{emptyBody && <p>{emptyBody}</p>}</EmptyState>
      ) : (
        <ol className="adv-rows" ref={listRef}>
          {rows.map((row, index) => {
            const number = rowNumberLabel(t, collection, index);
            const name = rowLabel(t, collection, row, index);
            return (
              <li
                key={row.key}
                className="adv-row"
                data-row-key={row.key}
                data-live-path={`${collection}/${row.key}`}
              >
                <fieldset className="adv-row-fieldset">
                  <legend className="adv-row-legend">{number}</legend>
                  <EditingBy peers={others} path={`${collection}/${row.key}`} exact />
                  <div className="adv-row-grid">
                    {fields.map((field) => (
                      <div key={field.key} className={field.wide ? 'adv-cell adv-cell-wide' : 'adv-cell'}>
                        {field.edit(row, index)}
                      </div>
                    ))}
                  </div>
                </fieldset>
                <div className="adv-row-actions">
                  <Button
                    variant="ghost"
                    disabled={index === 0}
                    aria-label={t('advocacyAgenda.moveUp', { row: name })}
                    title={t('advocacyAgenda.moveUp', { row: name })}
                    onClick={() => model.moveRow(collection, row.key, 'up')}
                  >
                    <span aria-hidden="true">↑</span>
                  </Button>
                  <Button
                    variant="ghost"
                    disabled={index === rows.length - 1}
                    aria-label={t('advocacyAgenda.moveDown', { row: name })}
                    title={t('advocacyAgenda.moveDown', { row: name })}
                    onClick={() => model.moveRow(collection, row.key, 'down')}
                  >
                    <span aria-hidden="true">↓</span>
                  </Button>
                  <Button variant="ghost" className="adv-remove" onClick={() => remove(row, index)}>
                    {t('advocacyAgenda.remove')} <span className="visually-hidden">{name}</span>
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="adv-add-row">
        <Button onClick={add}>
          <span aria-hidden="true">+ </span>
          {addLabel}
        </Button>
        {removed && (
          <p className="adv-removed" role="status">
            {t('advocacyAgenda.removed', { row: removed })}{' '}
            <Button
              variant="ghost"
              ref={undoRef}
              onClick={() => {
                model.undo();
                setRemoved(null);
              }}
            >
              {t('advocacyAgenda.undo')}
            </Button>
          </p>
        )}
      </div>
      {children}
    </>
  );
}

// ---------------------------------------------------------------- field editors

/** A Y.Text field with a visible label (a malformed row without one shows an empty, inert field until repaired). */
export function TextCell({ text, label, multiline = false }: { text: LiveText | null; label: string; multiline?: boolean }) {
  if (!text) {
    return (
      <div className="field">
        <span className="field-label">{label}</span>
        <input className="input live-text" aria-label={label} readOnly value="" />
      </div>
    );
  }
  return <LiveTextInput text={text} label={label} multiline={multiline} readOnly={false} showLabel />;
}

export function SelectCell({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
}) {
  return <Select label={label} value={value} options={options} onChange={(event) => onChange(event.target.value)} />;
}

export function DateCell({ label, value, onChange }: { label: string; value: string | null; onChange: (value: string | null) => void }) {
  return (
    <TextField
      label={label}
      type="date"
      value={value ?? ''}
      onChange={(event) => {
        const next = event.target.value;
        if (!next) onChange(null);
        else if (isIsoDate(next)) onChange(next);
      }}
    />
  );
}

/** A text value for reading: kept line breaks, a dash when empty. */
export function ReadText({ value }: { value: string }) {
  return value.trim() ? <span className="adv-read-text">{value}</span> : <span className="muted">—</span>;
}
