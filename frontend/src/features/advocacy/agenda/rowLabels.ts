import type { TFunction } from 'i18next';
import type { AgendaRows, AgendaSnapshot, RowCollection } from '../../../lib/live/agendaDoc';

/** The field that names a row (shown in pickers, presence and "removed" messages). */
const MAIN_TEXT: { [C in RowCollection]: keyof AgendaRows[C] & string } = {
  objectives: 'statement',
  stakeholders: 'name',
  messages: 'message',
  actions: 'activity',
  indicators: 'name',
  risks: 'risk',
};

export function shorten(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1).trimEnd()}…` : flat;
}

/** "Objective 2" — the row's number in its section. */
export function rowNumberLabel(t: TFunction, collection: RowCollection, index: number): string {
  return t(`advocacyAgenda.row.${collection}`, { n: index + 1 });
}

/** The row's own words when it has some, otherwise its number. */
export function rowLabel<C extends RowCollection>(t: TFunction, collection: C, row: AgendaRows[C], index: number): string {
  const text = String(row[MAIN_TEXT[collection]] ?? '');
  return shorten(text) || rowNumberLabel(t, collection, index);
}

/** Presence: what an "editing" path points at, in words ("Stakeholders: Ministry of Education"). */
export function describePath(t: TFunction, snapshot: AgendaSnapshot, path: string): string | null {
  const [section, key] = path.split('/');
  const sectionKey = `advocacyAgenda.sections.${section}`;
  if (!t(sectionKey, { defaultValue: '' })) return null;
  const sectionTitle = t(sectionKey);
  if (!key) return sectionTitle;
  const collection = section as RowCollection;
  const rows = snapshot.rows[collection] as AgendaRows[RowCollection][] | undefined;
  const index = rows?.findIndex((row) => row.key === key) ?? -1;
  if (!rows || index < 0) return sectionTitle;
  return t('advocacyAgenda.editingRow', {
    section: sectionTitle,
    row: rowLabel(t, collection, rows[index] as AgendaRows[typeof collection], index),
  });
}
