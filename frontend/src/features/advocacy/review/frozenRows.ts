import type { TFunction } from 'i18next';

/**
 * A frozen row of an agenda as a reviewer reads it: its main text, then its other fields labelled and in
 * words ("Category: Decision maker", "Audience: Ministry of Education"), never the stored codes or the
 * keys that rows use to point at a stakeholder or an objective.
 */
export const ROW_SECTIONS = ['objectives', 'stakeholders', 'messages', 'actions', 'indicators', 'risks'] as const;
export type RowSection = (typeof ROW_SECTIONS)[number];

export function isRowSection(section: string): section is RowSection {
  return (ROW_SECTIONS as readonly string[]).includes(section);
}

export interface RowDetail {
  field: string;
  label: string;
  value: string;
}

export interface RowParts {
  main: string;
  details: RowDetail[];
}

/** What references resolve to: stakeholders by key to their names, objectives by key to their statements. */
export interface RowLookup {
  stakeholders: ReadonlyMap<string, string>;
  objectives: ReadonlyMap<string, string>;
}

type Row = Record<string, unknown>;
type Kind = 'text' | 'date' | 'score' | 'category' | 'stance' | 'level' | 'status' | 'stakeholder' | 'objective';

// Each section's main field, then its details in the order the agenda editor shows them, with the
// label (a key of advocacyAgenda.fields) and how the stored value reads.
const SECTION_FIELDS: Record<RowSection, { main: string; details: readonly (readonly [string, string, Kind])[] }> = {
  objectives: { main: 'statement', details: [['due', 'achieveBy', 'date']] },
  stakeholders: {
    main: 'name',
    details: [
      ['category', 'category', 'category'],
      ['influence', 'influence', 'score'],
      ['interest', 'interest', 'score'],
      ['stance', 'stance', 'stance'],
      ['notes', 'notes', 'text'],
    ],
  },
  messages: {
    main: 'message',
    details: [
      ['stakeholder', 'audience', 'stakeholder'],
      ['ask', 'ask', 'text'],
    ],
  },
  actions: {
    main: 'activity',
    details: [
      ['organisation', 'organisation', 'text'],
      ['start', 'start', 'date'],
      ['due', 'due', 'date'],
      ['status', 'status', 'status'],
      ['resources', 'resources', 'text'],
      ['objective', 'objective', 'objective'],
    ],
  },
  indicators: {
    main: 'name',
    details: [
      ['baseline', 'baseline', 'text'],
      ['target', 'target', 'text'],
      ['verification', 'verification', 'text'],
      ['objective', 'objective', 'objective'],
    ],
  },
  risks: {
    main: 'risk',
    details: [
      ['likelihood', 'likelihood', 'level'],
      ['impact', 'impact', 'level'],
      ['mitigation', 'mitigation', 'text'],
    ],
  },
};

function rowsOf(value: unknown): Row[] {
  return Array.isArray(value) ? value.filter((row): row is Row => typeof row === 'object' && row !== null) : [];
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** The lookup for one or more versions of the content (later ones win where keys repeat). */
export function rowLookup(...contents: { stakeholders?: unknown; objectives?: unknown }[]): RowLookup {
  const stakeholders = new Map<string, string>();
  const objectives = new Map<string, string>();
  for (const content of contents) {
    for (const row of rowsOf(content.stakeholders)) stakeholders.set(textOf(row.key), textOf(row.name));
    for (const row of rowsOf(content.objectives)) objectives.set(textOf(row.key), textOf(row.statement));
  }
  return { stakeholders, objectives };
}

export interface DescribeOptions {
  t: TFunction;
  lookup: RowLookup;
  /** A stored date (YYYY-MM-DD) as the reader's language writes it. */
  date: (iso: string) => string;
}

function valueText(kind: Kind, value: unknown, { t, lookup, date }: DescribeOptions): string {
  const text = textOf(value);
  if (!text) return '';
  switch (kind) {
    case 'date':
      return date(text);
    case 'score':
      return t(`advocacyAgenda.score.${text}`, { defaultValue: text });
    case 'category':
      return t(`advocacyAgenda.category.${text}`, { defaultValue: text });
    case 'stance':
      return t(`advocacyAgenda.stance.${text}`, { defaultValue: text });
    case 'level':
      return t(`advocacyAgenda.level.${text}`, { defaultValue: text });
    case 'status':
      return t(`advocacyAgenda.actionStatus.${text}`, { defaultValue: text });
    case 'stakeholder':
      return lookup.stakeholders.get(text) || t('advocacyAgenda.removedStakeholder');
    case 'objective':
      return lookup.objectives.get(text) || t('advocacyAgenda.removedObjective');
    default:
      return text;
  }
}

/** One frozen row: its main text and its filled-in details, in words. */
export function describeRow(section: RowSection, row: unknown, options: DescribeOptions): RowParts {
  const fields = SECTION_FIELDS[section];
  const record = typeof row === 'object' && row !== null ? (row as Row) : {};
  const details = fields.details
    .map(([field, label, kind]) => ({
      field,
      label: options.t(`advocacyAgenda.fields.${label}`),
      value: valueText(kind, record[field], options),
    }))
    .filter((detail) => detail.value);
  return { main: textOf(record[fields.main]), details };
}

/** The rows of a section as the reviewer reads them. */
export function describeRows(section: RowSection, value: unknown, options: DescribeOptions): RowParts[] {
  return rowsOf(value).map((row) => describeRow(section, row, options));
}

/** The frozen "methods" section: the chosen methods' codes and the note. */
export function methodsOf(value: unknown): { methods: string[]; note: string } {
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : {};
  const methods = Array.isArray(record.methods) ? record.methods.filter((m): m is string => typeof m === 'string') : [];
  return { methods, note: textOf(record.note) };
}

/** A row's details as one line ("Category: Decision maker · Influence: 5 – very high"). */
export function detailsLine(details: readonly RowDetail[]): string {
  return details.map((detail) => `${detail.label}: ${detail.value}`).join(' · ');
}
