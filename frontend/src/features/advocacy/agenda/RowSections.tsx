import { useTranslation } from 'react-i18next';
import type { SelectOption } from '../../../components/ui';
import { useFormat } from '../../../lib/format';
import {
  ACTION_STATUSES,
  LEVELS,
  type ActionRow,
  type IndicatorRow,
  type MessageRow,
  type ObjectiveRow,
  type RiskRow,
} from '../../../lib/live/agendaDoc';
import { organisationName } from '../../../lib/workspaceOptions';
import { useAgendaView, useRows } from './agendaContext';
import { DateCell, ReadText, RowSection, SelectCell, TextCell, type RowField } from './RowSection';
import { rowLabel } from './rowLabels';

function useDay() {
  const format = useFormat();
  // Dates without a time: shown as written, whatever the browser's time zone.
  return (value: string | null) => (value ? format.date(value, 'UTC', 'medium') : '—');
}

/** Options for a "linked objective" picker: the objectives by number and words. */
function useObjectiveOptions(current: string | null): SelectOption[] {
  const { t } = useTranslation();
  const objectives = useRows('objectives');
  const options: SelectOption[] = [
    { value: '', label: t('advocacyAgenda.noObjective') },
    ...objectives.map((row, index) => ({
      value: row.key,
      label: `${index + 1}. ${rowLabel(t, 'objectives', row, index)}`,
    })),
  ];
  if (current && !objectives.some((row) => row.key === current)) {
    options.push({ value: current, label: t('advocacyAgenda.removedObjective') });
  }
  return options;
}

function ObjectiveName({ objective }: { objective: string | null }) {
  const { t } = useTranslation();
  const objectives = useRows('objectives');
  if (!objective) return <span className="muted">—</span>;
  const index = objectives.findIndex((row) => row.key === objective);
  if (index < 0) return <span className="muted">{t('advocacyAgenda.removedObjective')}</span>;
  return <>{`${index + 1}. ${rowLabel(t, 'objectives', objectives[index], index)}`}</>;
}

function ObjectivePicker({ label, value, onChange }: { label: string; value: string | null; onChange: (key: string | null) => void }) {
  const options = useObjectiveOptions(value);
  return <SelectCell label={label} value={value ?? ''} options={options} onChange={(next) => onChange(next || null)} />;
}

// ---------------------------------------------------------------- objectives

export function ObjectivesSection() {
  const { t } = useTranslation();
  const { model } = useAgendaView();
  const day = useDay();
  const fields: RowField<'objectives'>[] = [
    {
      key: 'statement',
      label: t('advocacyAgenda.fields.statement'),
      wide: true,
      edit: (row: ObjectiveRow) => <TextCell text={row.texts.statement} label={t('advocacyAgenda.fields.statement')} multiline />,
      read: (row) => <ReadText value={row.statement} />,
    },
    {
      key: 'due',
      label: t('advocacyAgenda.fields.achieveBy'),
      edit: (row) => (
        <DateCell
          label={t('advocacyAgenda.fields.achieveBy')}
          value={row.due}
          onChange={(value) => model.setField('objectives', row.key, 'due', value)}
        />
      ),
      read: (row) => day(row.due),
    },
  ];
  return (
    <>
      <div className="adv-smart">
        <p className="adv-smart-title">{t('advocacyAgenda.smart.title')}</p>
        <ul className="adv-smart-list">
          {(['specific', 'measurable', 'achievable', 'relevant', 'timeBound'] as const).map((letter) => (
            <li key={letter}>
              <strong>{t(`advocacyAgenda.smart.${letter}`)}</strong> {t(`advocacyAgenda.smart.${letter}Hint`)}
            </li>
          ))}
        </ul>
        <p className="adv-smart-example">{t('advocacyAgenda.smart.example')}</p>
      </div>
      <RowSection
        collection="objectives"
        fields={fields}
        addLabel={t('advocacyAgenda.add.objectives')}
        emptyTitle={t('advocacyAgenda.empty.objectives')}
        emptyBody={t('advocacyAgenda.empty.objectivesBody')}
      />
    </>
  );
}

// ---------------------------------------------------------------- key messages

export function MessagesSection() {
  const { t } = useTranslation();
  const { model } = useAgendaView();
  const stakeholders = useRows('stakeholders');

  function audienceName(key: string | null): string | null {
    if (!key) return null;
    const index = stakeholders.findIndex((row) => row.key === key);
    return index < 0 ? t('advocacyAgenda.removedStakeholder') : rowLabel(t, 'stakeholders', stakeholders[index], index);
  }

  function audienceOptions(current: string | null): SelectOption[] {
    const options: SelectOption[] = [
      { value: '', label: t('advocacyAgenda.chooseAudience') },
      ...stakeholders.map((row, index) => ({ value: row.key, label: rowLabel(t, 'stakeholders', row, index) })),
    ];
    if (current && !stakeholders.some((row) => row.key === current)) {
      options.push({ value: current, label: t('advocacyAgenda.removedStakeholder') });
    }
    return options;
  }

  const fields: RowField<'messages'>[] = [
    {
      key: 'stakeholder',
      label: t('advocacyAgenda.fields.audience'),
      edit: (row: MessageRow) => (
        <SelectCell
          label={t('advocacyAgenda.fields.audience')}
          value={row.stakeholder ?? ''}
          options={audienceOptions(row.stakeholder)}
          onChange={(value) => model.setField('messages', row.key, 'stakeholder', value || null)}
        />
      ),
      read: (row) => audienceName(row.stakeholder) ?? <span className="muted">—</span>,
    },
    {
      key: 'message',
      label: t('advocacyAgenda.fields.message'),
      wide: true,
      edit: (row) => <TextCell text={row.texts.message} label={t('advocacyAgenda.fields.message')} multiline />,
      read: (row) => <ReadText value={row.message} />,
    },
    {
      key: 'ask',
      label: t('advocacyAgenda.fields.ask'),
      wide: true,
      edit: (row) => <TextCell text={row.texts.ask} label={t('advocacyAgenda.fields.ask')} multiline />,
      read: (row) => <ReadText value={row.ask} />,
    },
  ];
  return (
    <>
      {stakeholders.length === 0 && (
        <p className="field-hint">{t('advocacyAgenda.messagesNeedStakeholders')}</p>
      )}
      <RowSection
        collection="messages"
        fields={fields}
        addLabel={t('advocacyAgenda.add.messages')}
        emptyTitle={t('advocacyAgenda.empty.messages')}
        emptyBody={t('advocacyAgenda.empty.messagesBody')}
      />
    </>
  );
}

// ---------------------------------------------------------------- action plan

export function ActionsSection() {
  const { t } = useTranslation();
  const { model, organisations, organisationNames } = useAgendaView();
  const day = useDay();
  const statusOptions = ACTION_STATUSES.map((status) => ({ value: status, label: t(`advocacyAgenda.actionStatus.${status}`) }));

  function organisationLabel(id: number | null): string | null {
    if (id === null) return null;
    const known = organisations?.find((organisation) => organisation.id === id);
    if (known) return organisationName(known);
    return organisationNames.get(id) ?? t('advocacyAgenda.unknownOrganisation');
  }

  function organisationOptions(current: number | null): SelectOption[] {
    const options: SelectOption[] = [
      { value: '', label: t('advocacyAgenda.noOrganisation') },
      ...(organisations ?? []).map((organisation) => ({ value: String(organisation.id), label: organisationName(organisation) })),
    ];
    if (current !== null && !options.some((option) => option.value === String(current))) {
      options.push({ value: String(current), label: organisationLabel(current) ?? '' });
    }
    return options;
  }

  const fields: RowField<'actions'>[] = [
    {
      key: 'activity',
      label: t('advocacyAgenda.fields.activity'),
      wide: true,
      edit: (row: ActionRow) => <TextCell text={row.texts.activity} label={t('advocacyAgenda.fields.activity')} multiline />,
      read: (row) => <ReadText value={row.activity} />,
    },
    {
      key: 'organisation',
      label: t('advocacyAgenda.fields.organisation'),
      edit: (row) => (
        <SelectCell
          label={t('advocacyAgenda.fields.organisation')}
          value={row.organisation === null ? '' : String(row.organisation)}
          options={organisationOptions(row.organisation)}
          onChange={(value) => model.setField('actions', row.key, 'organisation', value ? Number(value) : null)}
        />
      ),
      read: (row) => organisationLabel(row.organisation) ?? <span className="muted">—</span>,
    },
    {
      key: 'start',
      label: t('advocacyAgenda.fields.start'),
      edit: (row) => (
        <DateCell
          label={t('advocacyAgenda.fields.start')}
          value={row.start}
          onChange={(value) => model.setField('actions', row.key, 'start', value)}
        />
      ),
      read: (row) => day(row.start),
    },
    {
      key: 'due',
      label: t('advocacyAgenda.fields.due'),
      edit: (row) => (
        <DateCell
          label={t('advocacyAgenda.fields.due')}
          value={row.due}
          onChange={(value) => model.setField('actions', row.key, 'due', value)}
        />
      ),
      read: (row) => day(row.due),
    },
    {
      key: 'status',
      label: t('advocacyAgenda.fields.status'),
      edit: (row) => (
        <SelectCell
          label={t('advocacyAgenda.fields.status')}
          value={row.status}
          options={statusOptions}
          onChange={(value) => model.setField('actions', row.key, 'status', value as ActionRow['status'])}
        />
      ),
      read: (row) => (
        <span className={`adv-status adv-status-${row.status}`}>{t(`advocacyAgenda.actionStatus.${row.status}`)}</span>
      ),
    },
    {
      key: 'objective',
      label: t('advocacyAgenda.fields.objective'),
      edit: (row) => (
        <ObjectivePicker
          label={t('advocacyAgenda.fields.objective')}
          value={row.objective}
          onChange={(value) => model.setField('actions', row.key, 'objective', value)}
        />
      ),
      read: (row) => <ObjectiveName objective={row.objective} />,
    },
    {
      key: 'resources',
      label: t('advocacyAgenda.fields.resources'),
      wide: true,
      edit: (row) => <TextCell text={row.texts.resources} label={t('advocacyAgenda.fields.resources')} multiline />,
      read: (row) => <ReadText value={row.resources} />,
    },
  ];
  return (
    <RowSection
      collection="actions"
      fields={fields}
      addLabel={t('advocacyAgenda.add.actions')}
      emptyTitle={t('advocacyAgenda.empty.actions')}
      emptyBody={t('advocacyAgenda.empty.actionsBody')}
    />
  );
}

// ---------------------------------------------------------------- indicators

export function IndicatorsSection() {
  const { t } = useTranslation();
  const { model } = useAgendaView();
  const text = (field: 'name' | 'baseline' | 'target' | 'verification', wide = false): RowField<'indicators'> => ({
    key: field,
    label: t(`advocacyAgenda.fields.${field}`),
    wide,
    edit: (row: IndicatorRow) => <TextCell text={row.texts[field]} label={t(`advocacyAgenda.fields.${field}`)} multiline={wide} />,
    read: (row) => <ReadText value={row[field]} />,
  });
  const fields: RowField<'indicators'>[] = [
    text('name', true),
    text('baseline'),
    text('target'),
    text('verification', true),
    {
      key: 'objective',
      label: t('advocacyAgenda.fields.objective'),
      edit: (row) => (
        <ObjectivePicker
          label={t('advocacyAgenda.fields.objective')}
          value={row.objective}
          onChange={(value) => model.setField('indicators', row.key, 'objective', value)}
        />
      ),
      read: (row) => <ObjectiveName objective={row.objective} />,
    },
  ];
  return (
    <RowSection
      collection="indicators"
      fields={fields}
      addLabel={t('advocacyAgenda.add.indicators')}
      emptyTitle={t('advocacyAgenda.empty.indicators')}
      emptyBody={t('advocacyAgenda.empty.indicatorsBody')}
    />
  );
}

// ---------------------------------------------------------------- risks

export function RisksSection() {
  const { t } = useTranslation();
  const { model } = useAgendaView();
  const levelOptions = LEVELS.map((level) => ({ value: level, label: t(`advocacyAgenda.level.${level}`) }));
  const level = (field: 'likelihood' | 'impact'): RowField<'risks'> => ({
    key: field,
    label: t(`advocacyAgenda.fields.${field}`),
    edit: (row: RiskRow) => (
      <SelectCell
        label={t(`advocacyAgenda.fields.${field}`)}
        value={row[field]}
        options={levelOptions}
        onChange={(value) => model.setField('risks', row.key, field, value as RiskRow[typeof field])}
      />
    ),
    read: (row) => <span className={`adv-level adv-level-${row[field]}`}>{t(`advocacyAgenda.level.${row[field]}`)}</span>,
  });
  const fields: RowField<'risks'>[] = [
    {
      key: 'risk',
      label: t('advocacyAgenda.fields.risk'),
      wide: true,
      edit: (row) => <TextCell text={row.texts.risk} label={t('advocacyAgenda.fields.risk')} multiline />,
      read: (row) => <ReadText value={row.risk} />,
    },
    level('likelihood'),
    level('impact'),
    {
      key: 'mitigation',
      label: t('advocacyAgenda.fields.mitigation'),
      wide: true,
      edit: (row) => <TextCell text={row.texts.mitigation} label={t('advocacyAgenda.fields.mitigation')} multiline />,
      read: (row) => <ReadText value={row.mitigation} />,
    },
  ];
  return (
    <RowSection
      collection="risks"
      fields={fields}
      addLabel={t('advocacyAgenda.add.risks')}
      emptyTitle={t('advocacyAgenda.empty.risks')}
      emptyBody={t('advocacyAgenda.empty.risksBody')}
    />
  );
}
