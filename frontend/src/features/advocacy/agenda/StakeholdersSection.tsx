import { useTranslation } from 'react-i18next';
import {
  SCORE_MAX,
  SCORE_MIN,
  STAKEHOLDER_CATEGORIES,
  STAKEHOLDER_STANCES,
  type StakeholderRow,
} from '../../../lib/live/agendaDoc';
import { useAgendaView, useRows } from './agendaContext';
import { ReadText, RowSection, SelectCell, TextCell, type RowField } from './RowSection';
import { StakeholderGrid, StanceSymbol } from './StakeholderGrid';

export function StakeholdersSection() {
  const { t } = useTranslation();
  const { model } = useAgendaView();
  const rows = useRows('stakeholders');
  const scores = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i).map((score) => ({
    value: String(score),
    label: t(`advocacyAgenda.score.${score}`),
  }));
  const categories = STAKEHOLDER_CATEGORIES.map((category) => ({ value: category, label: t(`advocacyAgenda.category.${category}`) }));
  const stances = STAKEHOLDER_STANCES.map((stance) => ({ value: stance, label: t(`advocacyAgenda.stance.${stance}`) }));

  const score = (field: 'influence' | 'interest'): RowField<'stakeholders'> => ({
    key: field,
    label: t(`advocacyAgenda.fields.${field}`),
    edit: (row: StakeholderRow) => (
      <SelectCell
        label={t(`advocacyAgenda.fields.${field}`)}
        value={String(row[field])}
        options={scores}
        onChange={(value) => model.setField('stakeholders', row.key, field, Number(value))}
      />
    ),
    read: (row) => t(`advocacyAgenda.score.${row[field]}`),
  });

  const fields: RowField<'stakeholders'>[] = [
    {
      key: 'name',
      label: t('advocacyAgenda.fields.stakeholder'),
      wide: true,
      edit: (row) => <TextCell text={row.texts.name} label={t('advocacyAgenda.fields.stakeholder')} />,
      read: (row) => <ReadText value={row.name} />,
    },
    {
      key: 'category',
      label: t('advocacyAgenda.fields.category'),
      edit: (row) => (
        <SelectCell
          label={t('advocacyAgenda.fields.category')}
          value={row.category}
          options={categories}
          onChange={(value) => model.setField('stakeholders', row.key, 'category', value as StakeholderRow['category'])}
        />
      ),
      read: (row) => t(`advocacyAgenda.category.${row.category}`),
    },
    score('influence'),
    score('interest'),
    {
      key: 'stance',
      label: t('advocacyAgenda.fields.stance'),
      edit: (row) => (
        <SelectCell
          label={t('advocacyAgenda.fields.stance')}
          value={row.stance}
          options={stances}
          onChange={(value) => model.setField('stakeholders', row.key, 'stance', value as StakeholderRow['stance'])}
        />
      ),
      read: (row) => (
        <span className="adv-stance">
          <StanceSymbol stance={row.stance} /> {t(`advocacyAgenda.stance.${row.stance}`)}
        </span>
      ),
    },
    {
      key: 'notes',
      label: t('advocacyAgenda.fields.notes'),
      wide: true,
      edit: (row) => <TextCell text={row.texts.notes} label={t('advocacyAgenda.fields.notes')} multiline />,
      read: (row) => <ReadText value={row.notes} />,
    },
  ];

  return (
    <RowSection
      collection="stakeholders"
      fields={fields}
      addLabel={t('advocacyAgenda.add.stakeholders')}
      emptyTitle={t('advocacyAgenda.empty.stakeholders')}
      emptyBody={t('advocacyAgenda.empty.stakeholdersBody')}
    >
      {rows.length > 0 && <StakeholderGrid rows={rows} />}
    </RowSection>
  );
}
