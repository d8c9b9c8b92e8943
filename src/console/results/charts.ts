/**
 * The ECharts options of the dashboards, from plain rows. Marks are in colours with at least
 * 3:1 against white (WCAG 1.4.11) and colour is never the only cue: every value is written
 * beside its mark (a label axis on the right, or the point's label), intervals are whiskers,
 * and series that share a chart differ in shape and line as well as colour. A withheld value
 * is a gap (no bar, no point) and its label says "riservato"; it is never drawn as 0.
 */
import type { ChartOption, CustomRenderItem } from './echarts.js';

/** Bootstrap Italia's blue (5.6:1 on white), its dark text, its grey (5.0:1), a dark green (7.0:1). */
export const COLOURS = {
  primary: '#0066cc',
  text: '#1a1a1a',
  grey: '#5c6f82',
  green: '#00734f',
  light: '#d2e4f7',
  axis: '#5c6f82',
  split: '#d9dadb',
} as const;

const FONT = "'Titillium Web', Geneva, Tahoma, sans-serif";
const TEXT = { color: COLOURS.text, fontFamily: FONT, fontSize: 13 };

export interface IntervalRow {
  readonly label: string;
  /** The value drawn (a share 0–1, or a count); null: withheld or none, drawn as a gap. */
  readonly value: number | null;
  readonly low?: number | null;
  readonly high?: number | null;
  /** What the label beside the mark says ("72,3% (70,1–74,4%) · n 1.234", or "riservato"). */
  readonly text: string;
}

/** Whiskers of 95% intervals, one per data item [category, low, high]: horizontal or vertical. */
function whiskers(horizontal: boolean, colour: string): CustomRenderItem {
  return (_params, api) => {
    const category = api.value(0) as number;
    const low = api.value(1) as number;
    const high = api.value(2) as number;
    if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
    const band = (api.size?.([1, 1]) as number[] | undefined) ?? [20, 20];
    const cap = Math.min(8, (horizontal ? band[1]! : band[0]!) * 0.2);
    const a = api.coord(horizontal ? [low, category] : [category, low]);
    const b = api.coord(horizontal ? [high, category] : [category, high]);
    const style = { stroke: colour, lineWidth: 2 };
    const capAt = (p: number[]) =>
      horizontal
        ? { x1: p[0]!, y1: p[1]! - cap, x2: p[0]!, y2: p[1]! + cap }
        : { x1: p[0]! - cap, y1: p[1]!, x2: p[0]! + cap, y2: p[1]! };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: a[0]!, y1: a[1]!, x2: b[0]!, y2: b[1]! }, style },
        { type: 'line', shape: capAt(a), style },
        { type: 'line', shape: capAt(b), style },
      ],
    };
  };
}

const intervalData = (rows: readonly IntervalRow[]) =>
  rows.map((row, i) => [i, row.low ?? '-', row.high ?? '-'] as (number | string)[]);

/** Width left for the category labels: a third of the chart, 9 rem at most. */
const labelWidth = (width: number) => Math.max(90, Math.min(340, Math.round(width * 0.34)));

/**
 * Rows, one under the other (first on top): a bar or a point per row, its interval as whiskers,
 * the row's name on the left and what it says on the right. Shares on a 0–100% axis.
 */
export function rowsChart(
  rows: readonly IntervalRow[],
  options: {
    width: number;
    mark: 'bar' | 'point';
    axis: 'share' | 'count';
    pct0(v: number): string;
    /** The word for a withheld value, set in italics beside its gap. */
    withheld: string;
  },
): ChartOption {
  const { width, mark, axis } = options;
  const left = labelWidth(width);
  const right = Math.max(80, Math.min(240, Math.round(width * 0.3)));
  const categories = rows.map((r) => r.label);
  return {
    animation: false,
    textStyle: TEXT,
    grid: { left: left + 8, right: right + 8, top: 8, bottom: 28 },
    xAxis: {
      type: 'value',
      min: 0,
      ...(axis === 'share' ? { max: 1 } : {}),
      axisLabel: {
        ...TEXT,
        formatter: axis === 'share' ? (v: number) => options.pct0(v) : undefined,
        hideOverlap: true,
      },
      axisLine: { show: true, lineStyle: { color: COLOURS.axis } },
      splitLine: { lineStyle: { color: COLOURS.split } },
    },
    yAxis: [
      {
        type: 'category',
        data: categories,
        inverse: true,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: COLOURS.axis } },
        axisLabel: { ...TEXT, width: left, overflow: 'truncate', margin: 8 },
      },
      {
        type: 'category',
        data: rows.map((r) => r.text),
        inverse: true,
        position: 'right',
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: {
          ...TEXT,
          width: right,
          overflow: 'truncate',
          margin: 8,
          align: 'left',
          formatter: (text: string) => (text === options.withheld ? `{w|${text}}` : text),
          rich: { w: { ...TEXT, fontStyle: 'italic', color: COLOURS.grey } },
        },
      },
    ],
    series: [
      mark === 'bar'
        ? {
            type: 'bar',
            data: rows.map((r) => r.value ?? '-'),
            barMaxWidth: 28,
            itemStyle: { color: COLOURS.primary },
          }
        : {
            type: 'scatter',
            data: rows.map((r, i) => [r.value ?? '-', i]),
            symbol: 'circle',
            symbolSize: 10,
            itemStyle: { color: COLOURS.primary, borderColor: '#fff', borderWidth: 1 },
            z: 3,
          },
      ...(rows.some((r) => r.low !== undefined)
        ? [
            {
              type: 'custom' as const,
              data: intervalData(rows),
              renderItem: whiskers(true, mark === 'bar' ? COLOURS.text : COLOURS.primary),
              encode: { x: [1, 2], y: 0 },
              z: 4,
              silent: true,
            },
          ]
        : []),
    ],
  };
}

export interface TrendPoint {
  readonly label: string;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** The point's label ("72%"), or the gap's ("riservato"). */
  readonly text: string;
}

/** A share month by month: a line with points, a gap where a month is withheld, whiskers for the CIs. */
export function trendChart(points: readonly TrendPoint[], options: { pct0(v: number): string }): ChartOption {
  return {
    animation: false,
    textStyle: TEXT,
    grid: {
      left: 8,
      right: 16,
      top: 24,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.label),
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: COLOURS.axis } },
      axisLabel: {
        ...TEXT,
        interval: 0,
        hideOverlap: true,
        lineHeight: 16,
        formatter: (label: string, index: number) =>
          points[index]?.value === null ? `${label}\n{w|${points[index]!.text}}` : label,
        rich: { w: { ...TEXT, fontStyle: 'italic', color: COLOURS.grey, lineHeight: 16 } },
      },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { ...TEXT, formatter: (v: number) => options.pct0(v) },
      splitLine: { lineStyle: { color: COLOURS.split } },
    },
    series: [
      {
        type: 'line',
        data: points.map((p) => p.value ?? '-'),
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 9,
        lineStyle: { color: COLOURS.primary, width: 2 },
        itemStyle: { color: COLOURS.primary },
        label: {
          show: true,
          position: 'right',
          distance: 8,
          ...TEXT,
          fontWeight: 600,
          formatter: (p: { dataIndex: number }) => points[p.dataIndex]?.text ?? '',
        },
        labelLayout: { hideOverlap: true },
        z: 3,
      },
      {
        type: 'custom',
        data: points.map((p, i) => [i, p.low ?? '-', p.high ?? '-']),
        renderItem: whiskers(false, COLOURS.primary),
        encode: { x: 0, y: [1, 2] },
        silent: true,
        z: 2,
      },
    ],
  };
}

export interface BenchmarkRow {
  readonly label: string;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  readonly text: string;
}

/**
 * The service against similar services, one row per indicator: the peers' interquartile range
 * as a hatched box with its median as a thick dark line, the service as a diamond with its CI.
 */
export function benchmarkChart(
  rows: readonly BenchmarkRow[],
  options: {
    width: number;
    pct0(v: number): string;
    names: { peers: string; median: string; service: string };
  },
): ChartOption {
  const { width, names } = options;
  const left = Math.max(80, Math.min(160, Math.round(width * 0.22)));
  const right = Math.max(90, Math.min(260, Math.round(width * 0.32)));
  const box: CustomRenderItem = (_params, api) => {
    const category = api.value(0) as number;
    const q1 = api.value(1) as number;
    const q3 = api.value(2) as number;
    const median = api.value(3) as number;
    if (!Number.isFinite(q1) || !Number.isFinite(q3)) return null;
    const band = (api.size?.([1, 1]) as number[] | undefined) ?? [20, 20];
    const half = Math.min(14, band[1]! * 0.3);
    const a = api.coord([q1, category]);
    const b = api.coord([q3, category]);
    const m = api.coord([median, category]);
    return {
      type: 'group',
      children: [
        {
          type: 'rect',
          shape: { x: a[0]!, y: a[1]! - half, width: Math.max(2, b[0]! - a[0]!), height: half * 2 },
          style: {
            fill: COLOURS.light,
            stroke: COLOURS.grey,
            lineWidth: 1.5,
            decal: {
              symbol: 'line',
              rotation: Math.PI / 4,
              color: 'rgba(92,111,130,0.45)',
              dashArrayX: [1, 0],
              dashArrayY: [2, 5],
            },
          } as Record<string, unknown>,
        },
        ...(Number.isFinite(median)
          ? [
              {
                type: 'line' as const,
                shape: { x1: m[0]!, y1: m[1]! - half - 3, x2: m[0]!, y2: m[1]! + half + 3 },
                style: { stroke: COLOURS.text, lineWidth: 3 },
              },
            ]
          : []),
      ],
    };
  };
  return {
    animation: false,
    textStyle: TEXT,
    legend: {
      top: 0,
      left: 0,
      textStyle: TEXT,
      itemWidth: 22,
      itemHeight: 12,
      data: [
        {
          name: names.peers,
          icon: 'rect',
          itemStyle: { color: COLOURS.light, borderColor: COLOURS.grey, borderWidth: 1.5 },
        },
        { name: names.service, icon: 'diamond', itemStyle: { color: COLOURS.primary } },
      ],
    },
    grid: { left: left + 8, right: right + 8, top: 40, bottom: 28 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { ...TEXT, formatter: (v: number) => options.pct0(v), hideOverlap: true },
      axisLine: { show: true, lineStyle: { color: COLOURS.axis } },
      splitLine: { lineStyle: { color: COLOURS.split } },
    },
    yAxis: [
      {
        type: 'category',
        data: rows.map((r) => r.label),
        inverse: true,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: COLOURS.axis } },
        axisLabel: { ...TEXT, width: left, overflow: 'truncate' },
      },
      {
        type: 'category',
        data: rows.map((r) => r.text),
        inverse: true,
        position: 'right',
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { ...TEXT, width: right, overflow: 'break', align: 'left', lineHeight: 16 },
      },
    ],
    series: [
      {
        type: 'custom',
        name: names.peers,
        data: rows.map((r, i) => [i, r.q1 ?? '-', r.q3 ?? '-', r.median ?? '-']),
        renderItem: box,
        encode: { x: [1, 2, 3], y: 0 },
        itemStyle: { color: COLOURS.light },
        silent: true,
        z: 1,
      },
      {
        type: 'custom',
        data: rows.map((r, i) => [i, r.low ?? '-', r.high ?? '-']),
        renderItem: whiskers(true, COLOURS.primary),
        encode: { x: [1, 2], y: 0 },
        silent: true,
        z: 3,
      },
      {
        type: 'scatter',
        name: names.service,
        data: rows.map((r, i) => [r.value ?? '-', i]),
        symbol: 'diamond',
        symbolSize: 16,
        itemStyle: { color: COLOURS.primary, borderColor: '#fff', borderWidth: 1 },
        z: 4,
      },
    ],
  };
}

export interface CoverageSeries {
  readonly name: string;
  /** Share of the target reached at the end of each month (may pass 1). */
  readonly values: readonly number[];
}

/** Progress toward the targets, month by month, as a share of each target (two lines: solid with circles, dashed with triangles). */
export function coverageChart(
  months: readonly string[],
  series: readonly [CoverageSeries, CoverageSeries],
  options: { pct0(v: number): string },
): ChartOption {
  const styles = [
    { color: COLOURS.primary, type: 'solid' as const, symbol: 'circle' },
    { color: COLOURS.green, type: 'dashed' as const, symbol: 'triangle' },
  ];
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  return {
    animation: false,
    textStyle: TEXT,
    legend: { top: 0, left: 0, textStyle: TEXT, itemWidth: 28 },
    grid: {
      left: 8,
      right: 48,
      top: 48,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'category',
      data: [...months],
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: COLOURS.axis } },
      axisLabel: { ...TEXT, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil(max * 10) / 10,
      axisLabel: { ...TEXT, formatter: (v: number) => options.pct0(v) },
      splitLine: { lineStyle: { color: COLOURS.split } },
    },
    series: series.map((s, i) => ({
      type: 'line' as const,
      name: s.name,
      data: [...s.values],
      symbol: styles[i]!.symbol,
      symbolSize: 9,
      lineStyle: { color: styles[i]!.color, type: styles[i]!.type, width: 2 },
      itemStyle: { color: styles[i]!.color },
      // the value reached is written at the end of each line
      endLabel: {
        show: true,
        ...TEXT,
        fontWeight: 600,
        offset: [4, i === 0 ? -8 : 8] as [number, number],
        formatter: (p: { value: unknown }) => options.pct0(Number(p.value)),
      },
      labelLayout: { hideOverlap: true },
    })),
  };
}
