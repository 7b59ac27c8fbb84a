/**
 * Counts by act type over time as a stacked bar chart, drawn as plain SVG (no chart library).
 * Each bar is a period (month, or year for dates known only to the year); each segment an act
 * type's lower bound. The same figures are in a table beside it, for screen readers and for
 * anyone who wants the numbers.
 */
import { useTranslation } from 'react-i18next';
import type { StatsCell } from '../api/types.js';
import { useVocab } from '../data.js';
import { useFormat } from '../format.js';

/** Distinguishable colours (Okabe–Ito first, then Tableau), readable on white. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C564B', '#7F7F7F', '#BCBD22', '#17BECF', '#4E79A7', '#F28E2B', '#E15759', '#76B7B2', '#59A14F', '#B07AA1', '#9C755F'];

export interface Series {
  readonly periods: string[];
  readonly actTypes: string[];
  /** value[period][actType] = lower bound of victims. */
  readonly value: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export function seriesOf(cells: readonly StatsCell[]): Series {
  const value = new Map<string, Map<string, number>>();
  const types = new Map<string, number>();
  for (const c of cells) {
    if (!c.period) continue;
    const row = value.get(c.period) ?? new Map<string, number>();
    row.set(c.actType, (row.get(c.actType) ?? 0) + c.low);
    value.set(c.period, row);
    types.set(c.actType, (types.get(c.actType) ?? 0) + c.low);
  }
  const periods = [...value.keys()].sort();
  const actTypes = [...types.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  return { periods, actTypes, value };
}

export function TimeChart({ series, titleId }: { series: Series; titleId: string }) {
  const { t } = useTranslation();
  const v = useVocab();
  const f = useFormat();
  const periodLabel = (p: string): string => (p.length === 7 ? f.month(`${p}-01`) : f.year(`${p}-01-01`));
  const axisLabel = (p: string): string => (p.length === 7 ? f.monthShort(`${p}-01`) : f.year(`${p}-01-01`));
  const totals = series.periods.map((p) => [...(series.value.get(p)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const W = 640;
  const H = 260;
  const pad = { left: 56, right: 12, top: 12, bottom: 56 };
  const innerW = W - pad.left - pad.right;
  const innerH = H - pad.top - pad.bottom;
  const band = innerW / Math.max(1, series.periods.length);
  const barW = Math.min(48, band * 0.7);
  const ticks = niceTicks(max);
  const y = (n: number): number => pad.top + innerH - (n / ticks[ticks.length - 1]!) * innerH;
  const colour = (type: string): string => PALETTE[series.actTypes.indexOf(type) % PALETTE.length] ?? '#555';

  if (series.periods.length === 0) return <p className="muted">{t('dashboard.noData')}</p>;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} className="chart-svg">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={W - pad.right} y1={y(tick)} y2={y(tick)} className="grid" />
            <text x={pad.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle" className="axis">
              {f.number(tick)}
            </text>
          </g>
        ))}
        {series.periods.map((p, i) => {
          const x = pad.left + i * band + (band - barW) / 2;
          let acc = 0;
          return (
            <g key={p}>
              {series.actTypes.map((type) => {
                const n = series.value.get(p)?.get(type) ?? 0;
                if (n === 0) return null;
                const y0 = y(acc);
                acc += n;
                const y1 = y(acc);
                return (
                  <rect key={type} x={x} y={y1} width={barW} height={Math.max(0, y0 - y1)} fill={colour(type)}>
                    <title>{`${periodLabel(p)} · ${v.label('act_type', type)}: ${f.number(n)}`}</title>
                  </rect>
                );
              })}
              <text x={x + barW / 2} y={H - pad.bottom + 14} textAnchor="end" transform={`rotate(-35 ${x + barW / 2} ${H - pad.bottom + 14})`} className="axis">
                {axisLabel(p)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {series.actTypes.map((type) => (
            <li key={type}>
              <span className="swatch" aria-hidden="true" style={{ background: colour(type) }} />
              {v.label('act_type', type)}
            </li>
          ))}
        </ul>
        <p className="hint">{t('dashboard.chartNote')}</p>
      </figcaption>
    </figure>
  );
}

function niceTicks(max: number): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) out.push(Math.round(v));
  if (out.length < 2) out.push(step);
  return out;
}
