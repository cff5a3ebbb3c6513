import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SCORE_MAX, STAKEHOLDER_STANCES, type StakeholderRow, type StakeholderStance } from '../../../lib/live/agendaDoc';
import { rowLabel } from './rowLabels';

export type Quadrant = 'keepSatisfied' | 'manageClosely' | 'monitor' | 'keepInformed';
export const QUADRANTS: readonly Quadrant[] = ['manageClosely', 'keepSatisfied', 'keepInformed', 'monitor'];

/** 3 (medium) and above count as high: a stakeholder nobody has scored yet is managed closely. */
export function quadrantOf(row: Pick<StakeholderRow, 'influence' | 'interest'>): Quadrant {
  const influential = row.influence >= 3;
  const interested = row.interest >= 3;
  if (influential) return interested ? 'manageClosely' : 'keepSatisfied';
  return interested ? 'keepInformed' : 'monitor';
}

/**
 * Where a score sits along an axis (0..1). Scores 1–2 share the low half and 3–5 the high half, so
 * every point lies clearly inside its quadrant instead of on the middle line.
 */
function along(score: number): number {
  return score >= 3 ? 0.5 + ((score - 3 + 0.5) * 0.5) / (SCORE_MAX - 2) : ((score - 1 + 0.5) * 0.5) / 2;
}

const SIZE = 360;
const PAD_LEFT = 40;
const PAD_BOTTOM = 40;
const PAD = 8;
const PLOT = SIZE - PAD_LEFT - PAD;
const HALF = PLOT / 2;
/** Room at the top of each quadrant for its name, kept free of marks. */
const LABEL_BAND = 24;

/** Vertical position of an influence score: its slot in its half, below the quadrant's name. */
function down(score: number): number {
  const high = score >= 3;
  const slots = high ? SCORE_MAX - 2 : 2;
  const slot = high ? SCORE_MAX - score : 2 - score;
  const top = PAD + (high ? 0 : HALF) + LABEL_BAND;
  return top + ((slot + 0.5) * (HALF - LABEL_BAND)) / slots;
}

/** Colours chosen to stay apart for common colour-blindness; the shape says it too. */
const STANCE_COLOUR: Record<StakeholderStance, string> = {
  supportive: '#1e6b3a',
  neutral: '#4d5666',
  opposed: '#b3261e',
  unknown: '#8a5a00',
};

function Marker({ stance, x, y, label }: { stance: StakeholderStance; x: number; y: number; label: string }) {
  const colour = STANCE_COLOUR[stance];
  const r = 11;
  const shape =
    stance === 'supportive' ? (
      <circle cx={x} cy={y} r={r} />
    ) : stance === 'neutral' ? (
      <rect x={x - r + 1} y={y - r + 1} width={2 * r - 2} height={2 * r - 2} />
    ) : stance === 'opposed' ? (
      <polygon points={`${x},${y - r - 2} ${x + r + 1},${y + r - 2} ${x - r - 1},${y + r - 2}`} />
    ) : (
      <polygon points={`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`} />
    );
  return (
    <g fill={colour} stroke="#fff" strokeWidth={1.5}>
      {shape}
      <text x={x} y={y + (stance === 'opposed' ? 6 : 4)} textAnchor="middle" fontSize={11} fontWeight={700} fill="#fff" stroke="none">
        {label}
      </text>
    </g>
  );
}

export function StanceSymbol({ stance }: { stance: StakeholderStance }) {
  return (
    <svg width="20" height="20" viewBox="0 0 36 36" aria-hidden="true" focusable="false" className="adv-stance-symbol">
      <Marker stance={stance} x={18} y={18} label="" />
    </svg>
  );
}

/**
 * The influence/interest grid: each stakeholder is a numbered mark (shape and colour for their
 * position), in one of four quadrants. The list beside it says the same in words.
 */
export function StakeholderGrid({ rows }: { rows: StakeholderRow[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();

  // Stakeholders with the same scores sit in a small ring around their spot, not on top of each other.
  const spots = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const spot = `${row.influence}:${row.interest}`;
    spots.set(spot, [...(spots.get(spot) ?? []), index]);
  });
  const points = rows.map((row, index) => {
    const together = spots.get(`${row.influence}:${row.interest}`)!;
    const place = together.indexOf(index);
    const ring = together.length > 1 ? 14 : 0;
    const angle = (2 * Math.PI * place) / together.length - Math.PI / 2;
    return {
      row,
      number: index + 1,
      x: PAD_LEFT + along(row.interest) * PLOT + ring * Math.cos(angle),
      y: down(row.influence) + ring * Math.sin(angle),
    };
  });
  const half = HALF;
  const quadrantBox: Record<Quadrant, { x: number; y: number; fill: string }> = {
    keepSatisfied: { x: PAD_LEFT, y: PAD, fill: '#eef1f5' },
    manageClosely: { x: PAD_LEFT + half, y: PAD, fill: '#eaf2fa' },
    monitor: { x: PAD_LEFT, y: PAD + half, fill: '#f7f8fa' },
    keepInformed: { x: PAD_LEFT + half, y: PAD + half, fill: '#eef1f5' },
  };

  return (
    <figure className="adv-grid">
      <svg
        className="adv-grid-chart"
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
      >
        <title id={titleId}>{t('advocacyAgenda.grid.title')}</title>
        <desc id={descId}>{t('advocacyAgenda.grid.description', { count: rows.length })}</desc>
        {QUADRANTS.map((quadrant) => {
          const box = quadrantBox[quadrant];
          return (
            <g key={quadrant}>
              <rect x={box.x} y={box.y} width={half} height={half} fill={box.fill} stroke="#d5dbe3" />
              <text x={box.x + 6} y={box.y + 16} fontSize={12} fontWeight={700} fill="#4d5666">
                {t(`advocacyAgenda.quadrant.${quadrant}`)}
              </text>
            </g>
          );
        })}
        <text x={PAD_LEFT + half} y={SIZE - 8} textAnchor="middle" fontSize={13} fill="#1a1f29">
          {t('advocacyAgenda.grid.interestAxis')}
        </text>
        <text x={PAD_LEFT} y={SIZE - PAD_BOTTOM + 22} fontSize={11} fill="#4d5666">
          {t('advocacyAgenda.grid.low')}
        </text>
        <text x={PAD_LEFT + PLOT} y={SIZE - PAD_BOTTOM + 22} fontSize={11} textAnchor="end" fill="#4d5666">
          {t('advocacyAgenda.grid.high')}
        </text>
        <text
          transform={`translate(16 ${PAD + half}) rotate(-90)`}
          textAnchor="middle"
          fontSize={13}
          fill="#1a1f29"
        >
          {t('advocacyAgenda.grid.influenceAxis')}
        </text>
        {points.map((point) => (
          <Marker key={point.row.key} stance={point.row.stance} x={point.x} y={point.y} label={String(point.number)} />
        ))}
      </svg>
      <figcaption className="adv-grid-caption">
        <p className="adv-grid-legend-title">{t('advocacyAgenda.grid.legend')}</p>
        <ul className="adv-grid-legend">
          {STAKEHOLDER_STANCES.map((stance) => (
            <li key={stance}>
              <StanceSymbol stance={stance} /> {t(`advocacyAgenda.stance.${stance}`)}
            </li>
          ))}
        </ul>
        <p className="field-hint">{t('advocacyAgenda.grid.scale')}</p>
      </figcaption>
      <div className="adv-grid-lists">
        {QUADRANTS.map((quadrant) => {
          const members = points.filter((point) => quadrantOf(point.row) === quadrant);
          return (
            <div key={quadrant} className="adv-grid-quadrant">
              <h3 className="adv-grid-quadrant-title">{t(`advocacyAgenda.quadrant.${quadrant}`)}</h3>
              <p className="field-hint">{t(`advocacyAgenda.quadrantHint.${quadrant}`)}</p>
              {members.length ? (
                <ul className="adv-grid-members">
                  {members.map((point) => (
                    <li key={point.row.key}>
                      <StanceSymbol stance={point.row.stance} />{' '}
                      {t('advocacyAgenda.grid.member', {
                        number: point.number,
                        name: rowLabel(t, 'stakeholders', point.row, point.number - 1),
                        stance: t(`advocacyAgenda.stance.${point.row.stance}`),
                      })}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('advocacyAgenda.grid.nobody')}</p>
              )}
            </div>
          );
        })}
      </div>
    </figure>
  );
}
