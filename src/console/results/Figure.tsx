/**
 * One figure of a dashboard: its heading and what it is about, the chart (an ECharts canvas
 * named for screen readers by `role="img"` and a summary), the same figures as a real table
 * behind a disclosure button, and downloads of the chart as PNG and of the table as CSV.
 * A figure without a chart (a table by region) is the table, shown, with its CSV.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';
import type { ChartOption, ECharts } from './echarts.js';
import { hasWithheld, toCsv, type TableModel } from './table.js';

/** Saves `blob` as `fileName` (an object URL and a link with `download`: no data: URL to navigate to). */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('image'));
    image.src = src;
  });
}

/**
 * The chart as a PNG with its title and subtitle above it (the heading is HTML on the page, not
 * in the canvas): ECharts' getDataURL at twice the resolution, drawn on a white canvas.
 */
async function chartPng(chart: ECharts, title: string, subtitle: string): Promise<Blob> {
  const scale = 2;
  const image = await loadImage(
    chart.getDataURL({ type: 'png', pixelRatio: scale, backgroundColor: '#ffffff' }),
  );
  const padding = 16 * scale;
  const header = 56 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = image.width + padding * 2;
  canvas.height = image.height + header + padding;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#1a1a1a';
  context.font = `600 ${18 * scale}px 'Titillium Web', sans-serif`;
  context.fillText(title, padding, padding + 18 * scale);
  context.fillStyle = '#5c6f82';
  context.font = `${13 * scale}px 'Titillium Web', sans-serif`;
  context.fillText(subtitle, padding, padding + 40 * scale);
  context.drawImage(image, padding, header);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('png'))), 'image/png'),
  );
}

/** The ECharts canvas, sized by its container (its height is set through the CSSOM, not a style attribute). */
function ChartCanvas({
  build,
  height,
  summary,
  chartRef,
}: {
  build: (width: number) => ChartOption;
  height: number;
  summary: string;
  chartRef: { current: ECharts | null };
}) {
  const node = useRef<HTMLDivElement>(null);
  const buildRef = useRef(build);
  buildRef.current = build;
  useEffect(() => {
    const element = node.current!;
    element.style.height = `${height}px`;
    // ECharts is a chunk of its own, loaded by the first chart: the other pages do not carry it.
    let disposed = false;
    let chart: ECharts | null = null;
    let observer: ResizeObserver | null = null;
    void import('./echarts.js').then(({ init }) => {
      if (disposed) return;
      const drawn = init(element, null, { renderer: 'canvas' });
      chart = drawn;
      chartRef.current = drawn;
      let width = element.clientWidth;
      drawn.setOption(buildRef.current(width), { notMerge: true });
      element.dataset.rendered = 'true';
      observer = new ResizeObserver(() => {
        if (element.clientWidth === width) return;
        width = element.clientWidth;
        drawn.setOption(buildRef.current(width), { notMerge: true });
        drawn.resize();
      });
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
      chartRef.current = null;
    };
  }, [height, chartRef]);
  useEffect(() => {
    const chart = chartRef.current;
    if (chart && node.current) chart.setOption(build(node.current.clientWidth), { notMerge: true });
  }, [build, chartRef]);
  return (
    <div role="img" aria-label={summary} className="console-chart">
      <div ref={node} className="console-chart-canvas" />
    </div>
  );
}

/** The table alternative: caption, column headers, a row header per row; withheld cells say so. */
export function ResultTable({ table, k }: { table: TableModel; k: number | null }) {
  const t = useT();
  const captionId = useId();
  const noteId = useId();
  const withheld = hasWithheld(table);
  return (
    <>
      <div
        className="table-responsive console-result-table"
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
      >
        <table className="table table-sm caption-top" aria-describedby={withheld ? noteId : undefined}>
          <caption id={captionId}>{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeader.label}</th>
              {table.columns.map((c) => (
                <th key={c.label} scope="col" className={c.numeric ? 'text-end' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" lang={row.header.lang}>
                  {row.header.text}
                </th>
                {row.cells.map((cell, i) => (
                  <td
                    key={table.columns[i]?.label ?? i}
                    className={
                      [table.columns[i]?.numeric ? 'text-end' : '', cell.withheld ? 'console-withheld' : '']
                        .filter(Boolean)
                        .join(' ') || undefined
                    }
                    data-withheld={cell.withheld ? 'true' : undefined}
                    lang={cell.lang}
                  >
                    {cell.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {withheld ? (
        <p id={noteId} className="console-hint console-withheld-note">
          {t.results.withheldNote(k)}
        </p>
      ) : null}
    </>
  );
}

export function Figure({
  id,
  title,
  subtitle,
  children,
  summary,
  build,
  height = 320,
  table,
  k,
  fileName,
  headingLevel = 3,
  titleLang,
}: {
  /** Unique on the page: the figure's ids and its download file names derive from it. */
  id: string;
  title: string;
  /** The period and scope, under the title and in the PNG. */
  subtitle: string;
  /** What the figure says in words (n, CI, the change), under the heading. */
  children?: ReactNode;
  /** The chart's accessible name: what it shows and its main figures. */
  summary: string;
  /** The chart's option for a width; none: a table only, shown. */
  build?: ((width: number) => ChartOption) | null;
  height?: number;
  table: TableModel;
  /** The disclosure threshold of the view (for the note under a table with withheld cells). */
  k: number | null;
  /** Without extension: `valuta-inps-hub-2026-Q3-trend`. */
  fileName: string;
  headingLevel?: 2 | 3;
  /** The title's language when not the page's (a question of the questionnaire is Italian). */
  titleLang?: string;
}) {
  const t = useT();
  const chartRef = useRef<ECharts | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const tableId = `${id}-table`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const chart = build ?? null;
  async function downloadPng() {
    if (!chartRef.current) return;
    try {
      save(await chartPng(chartRef.current, title, subtitle), `${fileName}.png`);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }
  return (
    <section aria-labelledby={`${id}-title`} className="console-figure" id={id}>
      <Heading id={`${id}-title`} className={headingLevel === 2 ? 'h4' : 'h5'} lang={titleLang}>
        {title}
      </Heading>
      <p className="console-figure-subtitle">{subtitle}</p>
      {children}
      {chart ? <ChartCanvas build={chart} height={height} summary={summary} chartRef={chartRef} /> : null}
      <div className="console-figure-actions">
        {chart ? (
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            aria-expanded={open}
            aria-controls={tableId}
            onClick={() => setOpen(!open)}
          >
            {open ? t.results.hideTable : t.results.showTable}
          </button>
        ) : null}
        {chart ? (
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => void downloadPng()}>
            {t.results.downloadPng}
            <span className="visually-hidden"> — {title}</span>
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          onClick={() =>
            save(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`)
          }
        >
          {t.results.downloadCsv}
          <span className="visually-hidden"> — {title}</span>
        </button>
      </div>
      {failed ? (
        <p className="console-field-error" role="alert">
          {t.results.pngFailed}
        </p>
      ) : null}
      <div id={tableId} hidden={chart !== null && !open}>
        <ResultTable table={table} k={k} />
      </div>
    </section>
  );
}
