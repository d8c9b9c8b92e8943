/**
 * The report's charts as SVG drawn on the server: pure functions of the figures they show, with
 * no script and no style attribute (the CSP has no 'unsafe-inline'). Each chart is an image named
 * by its `<title>` and described by its `<desc>` (every value in words); the page prints its
 * numbers beside it as a table. Black and white is enough to read them: values are written at the
 * marks, the interval is a grey area or a whisker, the peers' box is hatched.
 */
import type { ReactNode } from 'react';

/** The width of every chart, in the units of its viewBox (about the A4 text block, 180 mm, in CSS px). */
export const CHART_WIDTH = 680;
const INK = '#1a1a1a';
const GRID = '#c5c7c9';
const BAND = '#d9dadb';
const BAR = '#0066cc';
const TEXT = 13;
const SMALL = 12;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** The lines of `text`, cut at spaces, each at most `width` characters (a longer word stays whole). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

interface ChartFrame {
  /** Unique in the page: the ids of the title, the description and the patterns derive from it. */
  readonly id: string;
  readonly title: string;
  readonly desc: string;
}

function Svg({ id, title, desc, height, children }: ChartFrame & { height: number; children: ReactNode }) {
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width={CHART_WIDTH}
      height={height}
      fontSize={TEXT}
      fill={INK}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}

/** The hatching of the peers' box: black diagonals, visible in black and white. */
function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
        <rect width={6} height={6} fill="#fff" />
        <line x1={0} y1={0} x2={0} y2={6} stroke={INK} strokeWidth={1.5} />
      </pattern>
    </defs>
  );
}

/** A month of the trend: its share and interval, or a note under the axis instead ("riservato"). */
export interface TrendPoint {
  readonly label: string;
  readonly value: { readonly share: number; readonly low: number; readonly high: number } | null;
  readonly note: string | null;
}

/**
 * A line of shares over the months, 0–100%, the 95% interval as a grey area (a whisker for a
 * month without a neighbour), each value written above its interval; a month without a share is
 * a gap in the line, with its note under the month.
 */
export function TrendChart({
  points,
  valueText,
  tickText,
  ...frame
}: ChartFrame & {
  readonly points: readonly TrendPoint[];
  readonly valueText: (share: number) => string;
  readonly tickText: (share: number) => string;
}) {
  const left = 44;
  const right = 12;
  const top = 22;
  const plot = 200;
  const height = top + plot + 48;
  const step = (CHART_WIDTH - left - right) / Math.max(points.length, 1);
  const x = (i: number) => left + step * (i + 0.5);
  const y = (share: number) => top + plot * (1 - share);
  // runs of consecutive months with a share: one line and one area each
  const runs: number[][] = [];
  points.forEach((p, i) => {
    if (p.value === null) return;
    const last = runs.at(-1);
    if (last !== undefined && last.at(-1) === i - 1) last.push(i);
    else runs.push([i]);
  });
  const at = (i: number) => points[i]!.value!;
  return (
    <Svg {...frame} height={height}>
      {TICKS.map((t) => (
        <g key={t}>
          <line x1={left} x2={CHART_WIDTH - right} y1={y(t)} y2={y(t)} stroke={GRID} strokeWidth={1} />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" fontSize={SMALL}>
            {tickText(t)}
          </text>
        </g>
      ))}
      {runs.map((run) =>
        run.length === 1 ? (
          <g key={`band-${run[0]}`} stroke={INK} strokeWidth={1.5}>
            <line x1={x(run[0]!)} x2={x(run[0]!)} y1={y(at(run[0]!).low)} y2={y(at(run[0]!).high)} />
            <line x1={x(run[0]!) - 5} x2={x(run[0]!) + 5} y1={y(at(run[0]!).low)} y2={y(at(run[0]!).low)} />
            <line x1={x(run[0]!) - 5} x2={x(run[0]!) + 5} y1={y(at(run[0]!).high)} y2={y(at(run[0]!).high)} />
          </g>
        ) : (
          <g key={`band-${run[0]}`}>
            <polygon
              fill={BAND}
              points={[
                ...run.map((i) => `${x(i)},${y(at(i).high)}`),
                ...[...run].reverse().map((i) => `${x(i)},${y(at(i).low)}`),
              ].join(' ')}
            />
            <polyline
              fill="none"
              stroke={BAR}
              strokeWidth={2}
              points={run.map((i) => `${x(i)},${y(at(i).share)}`).join(' ')}
            />
          </g>
        ),
      )}
      {points.map((p, i) => (
        <g key={p.label}>
          {p.value ? (
            <>
              <circle cx={x(i)} cy={y(p.value.share)} r={4} fill={INK} />
              <text x={x(i)} y={Math.max(y(p.value.high) - 6, 12)} textAnchor="middle" fontSize={SMALL}>
                {valueText(p.value.share)}
              </text>
            </>
          ) : null}
          <text x={x(i)} y={top + plot + 18} textAnchor="middle" fontSize={SMALL}>
            {p.label}
          </text>
          {p.note ? (
            <text x={x(i)} y={top + plot + 36} textAnchor="middle" fontSize={SMALL} fontStyle="italic">
              {p.note}
            </text>
          ) : null}
        </g>
      ))}
      <line x1={left} x2={CHART_WIDTH - right} y1={y(0)} y2={y(0)} stroke={INK} strokeWidth={1} />
    </Svg>
  );
}

/** An option of an item: its share of the answers (null when withheld) and the words written beside the bar. */
export interface Bar {
  readonly label: string;
  readonly share: number | null;
  /** "12 (40,0%)", or "riservato". */
  readonly text: string;
}

/**
 * Horizontal bars, one per option, on one scale (0–100% of the answers): the option's label on
 * its own line above the bar (long labels wrap), the count and share after the bar's end; a
 * withheld option has no bar, and its text in italics.
 */
export function BarChart({ bars, ...frame }: ChartFrame & { readonly bars: readonly Bar[] }) {
  const textRoom = 130;
  const barHeight = 16;
  const lineHeight = 17;
  const track = CHART_WIDTH - textRoom;
  let y = 0;
  const rows = bars.map((bar) => {
    const lines = wrapText(bar.label, 90);
    const row = { bar, lines, top: y };
    y += lines.length * lineHeight + barHeight + 12;
    return row;
  });
  return (
    <Svg {...frame} height={Math.max(y, 1)}>
      {rows.map(({ bar, lines, top }, i) => {
        const barTop = top + lines.length * lineHeight + 4;
        const width = bar.share === null ? 0 : Math.max(bar.share * track, bar.share > 0 ? 1 : 0);
        return (
          <g key={i}>
            {lines.map((line, j) => (
              <text key={j} x={0} y={top + (j + 1) * lineHeight - 4}>
                {line}
              </text>
            ))}
            {bar.share === null ? null : (
              <rect x={0} y={barTop} width={width} height={barHeight} fill={BAR} />
            )}
            <line x1={0} x2={0} y1={barTop - 2} y2={barTop + barHeight + 2} stroke={INK} strokeWidth={1} />
            <text
              x={width + 6}
              y={barTop + barHeight - 3}
              fontStyle={bar.share === null ? 'italic' : undefined}
              fontSize={SMALL}
            >
              {bar.text}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}

/** An indicator against its peers: their quartiles and median, and this service's share with its interval. */
export interface BenchmarkRow {
  readonly label: string;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly value: { readonly share: number; readonly low: number; readonly high: number } | null;
  /** "servizio 66,7%", or what stands for a share not shown ("servizio: riservato"). */
  readonly valueText: string;
  readonly medianText: string;
}

/**
 * One row per indicator on a 0–100% axis: the peers' interquartile range as a hatched box with
 * the median as a thick black line (written under it), this service as a diamond with its 95%
 * interval as a whisker (written above it).
 */
export function BenchmarkChart({
  rows,
  tickText,
  ...frame
}: ChartFrame & { readonly rows: readonly BenchmarkRow[]; readonly tickText: (share: number) => string }) {
  const left = 16;
  const right = 24;
  const rowHeight = 92;
  const width = CHART_WIDTH - left - right;
  const x = (share: number) => left + width * share;
  const axis = rows.length * rowHeight + 4;
  const hatch = `${frame.id}-hatch`;
  /** A label kept inside the chart: anchored at its end near the right edge, at its start near the left. */
  const anchor = (share: number) => (share < 0.15 ? 'start' : share > 0.85 ? 'end' : 'middle');
  return (
    <Svg {...frame} height={axis + 24}>
      <Hatch id={hatch} />
      {TICKS.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={axis} stroke={GRID} strokeWidth={1} />
          <text x={x(t)} y={axis + 18} textAnchor={anchor(t)} fontSize={SMALL}>
            {tickText(t)}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const top = i * rowHeight;
        const box = top + 40;
        return (
          <g key={row.label}>
            <text x={left + 6} y={top + 14} fontWeight={600}>
              {row.label}
            </text>
            <rect
              x={x(row.q1)}
              y={box}
              width={Math.max(x(row.q3) - x(row.q1), 1)}
              height={22}
              fill={`url(#${hatch})`}
              stroke={INK}
              strokeWidth={1}
            />
            <line
              x1={x(row.median)}
              x2={x(row.median)}
              y1={box - 4}
              y2={box + 26}
              stroke={INK}
              strokeWidth={4}
            />
            <text x={x(row.median)} y={box + 42} textAnchor={anchor(row.median)} fontSize={SMALL}>
              {row.medianText}
            </text>
            {row.value ? (
              <g stroke={INK} strokeWidth={2}>
                <line x1={x(row.value.low)} x2={x(row.value.high)} y1={box + 11} y2={box + 11} />
                <line x1={x(row.value.low)} x2={x(row.value.low)} y1={box + 5} y2={box + 17} />
                <line x1={x(row.value.high)} x2={x(row.value.high)} y1={box + 5} y2={box + 17} />
                <polygon
                  points={[
                    [x(row.value.share), box + 2],
                    [x(row.value.share) + 8, box + 11],
                    [x(row.value.share), box + 20],
                    [x(row.value.share) - 8, box + 11],
                  ]
                    .map((p) => p.join(','))
                    .join(' ')}
                  fill={INK}
                  stroke="#fff"
                  strokeWidth={1.5}
                />
              </g>
            ) : null}
            <text
              x={x(row.value?.share ?? row.median)}
              y={box - 10}
              textAnchor={anchor(row.value?.share ?? row.median)}
              fontSize={SMALL}
              fontStyle={row.value ? undefined : 'italic'}
            >
              {row.valueText}
            </text>
          </g>
        );
      })}
      <line x1={left} x2={CHART_WIDTH - right} y1={axis} y2={axis} stroke={INK} strokeWidth={1} />
    </Svg>
  );
}

/** The swatches of a legend, drawn as in the charts (decorative: the words say it). */
export function Swatch({ kind, id }: { kind: 'band' | 'point' | 'box' | 'median' | 'diamond'; id: string }) {
  return (
    <svg className="swatch" aria-hidden="true" focusable="false" viewBox="0 0 24 16" width={24} height={16}>
      {kind === 'band' ? <rect x={0} y={3} width={24} height={10} fill={BAND} /> : null}
      {kind === 'point' ? (
        <>
          <line x1={0} x2={24} y1={8} y2={8} stroke={BAR} strokeWidth={2} />
          <circle cx={12} cy={8} r={4} fill={INK} />
        </>
      ) : null}
      {kind === 'box' ? (
        <>
          <Hatch id={id} />
          <rect x={1} y={2} width={22} height={12} fill={`url(#${id})`} stroke={INK} />
        </>
      ) : null}
      {kind === 'median' ? <line x1={12} x2={12} y1={0} y2={16} stroke={INK} strokeWidth={4} /> : null}
      {kind === 'diamond' ? (
        <g stroke={INK} strokeWidth={2}>
          <line x1={2} x2={22} y1={8} y2={8} />
          <polygon points="12,1 19,8 12,15 5,8" fill={INK} stroke="#fff" strokeWidth={1.5} />
        </g>
      ) : null}
    </svg>
  );
}
