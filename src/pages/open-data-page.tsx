import type { ReactNode } from 'react';
import type { OpenDataIndicator, OpenDataRow, OpenDataSnapshot } from '../domain/open-data.js';
import { OPEN_DATA_LICENCE } from '../domain/open-data.js';
import type { Lang } from '../domain/questionnaire.js';
import type { CountView, IndicatorCode } from '../domain/results-view.js';
import { Layout, withQuery } from './layout.js';
import { messagesFor, type Messages } from './messages.js';

/** A release as the page lists it. */
export interface ReleaseItem {
  readonly month: string;
  readonly release: number;
  readonly publishedAt: Date;
  readonly note: string | null;
}

export interface OpenDataPageProps {
  readonly lang: Lang;
  /** The published months, newest first. */
  readonly months: readonly string[];
  /** The latest release of the month shown, with its figures; null when nothing is published. */
  readonly shown: (ReleaseItem & { readonly body: OpenDataSnapshot }) | null;
  /** Every release, newest first. */
  readonly releases: readonly ReleaseItem[];
}

type OpenData = Messages['openData'];

const LOCALES: Readonly<Record<Lang, string>> = { it: 'it-IT', en: 'en-GB', de: 'de-DE' };

function formats(lang: Lang) {
  const locale = LOCALES[lang];
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Rome' });
  return {
    percent: (x: number) => percent.format(x),
    number: (x: number) => number.format(x),
    date: (d: Date) => date.format(d),
  };
}
type Formats = ReturnType<typeof formats>;

function Withheld({ m }: { m: OpenData }) {
  return (
    <span className="withheld">
      {m.withheld}
      <sup aria-hidden="true">*</sup>
    </span>
  );
}

function Count({ count, m, f }: { count: CountView; m: OpenData; f: Formats }) {
  return count.withheld || count.count === null ? <Withheld m={m} /> : <>{f.number(count.count)}</>;
}

/** A share with its interval, or withheld. */
function Share({ indicator, m, f }: { indicator: OpenDataIndicator; m: OpenData; f: Formats }) {
  if (!indicator.value) return <Withheld m={m} />;
  return <>{f.percent(indicator.value.share)}</>;
}

function Interval({ indicator, m, f }: { indicator: OpenDataIndicator; m: OpenData; f: Formats }) {
  if (!indicator.value) return <Withheld m={m} />;
  const { low, high } = indicator.value.ci95;
  return (
    <span className="nowrap">
      {f.percent(low)} – {f.percent(high)}
    </span>
  );
}

/** A table that scrolls sideways inside its own frame, never the page. */
function Frame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function NationalTable({ row, m, f }: { row: OpenDataRow; m: OpenData; f: Formats }) {
  return (
    <Frame label={m.national}>
      <table className="figures">
        <caption className="sr-only">{m.national}</caption>
        <thead>
          <tr>
            <th scope="col">{m.indicator}</th>
            <th scope="col" className="num">
              {m.share}
            </th>
            <th scope="col" className="num">
              {m.ci}
            </th>
            <th scope="col" className="num">
              {m.n}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{m.responses}</th>
            <td />
            <td />
            <td className="num">
              <Count count={row.responses} m={m} f={f} />
            </td>
          </tr>
          {row.indicators.map((i) => (
            <tr key={i.code}>
              <th scope="row">{m.indicators[i.code]}</th>
              <td className="num">
                <Share indicator={i} m={m} f={f} />
              </td>
              <td className="num">
                <Interval indicator={i} m={m} f={f} />
              </td>
              <td className="num">
                <Count count={i.n} m={m} f={f} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Frame>
  );
}

/** One row per PA type or ente: responses, then each indicator's share, interval and n. */
function RowsTable({
  rows,
  heading,
  caption,
  m,
  f,
}: {
  rows: readonly OpenDataRow[];
  heading: string;
  caption: string;
  m: OpenData;
  f: Formats;
}) {
  const codes = (Object.keys(m.indicators) as IndicatorCode[]).filter((code) =>
    rows.some((r) => r.indicators.some((i) => i.code === code)),
  );
  return (
    <Frame label={caption}>
      <table className="figures">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="num">
              {m.responses}
            </th>
            {codes.map((code) => (
              <th scope="col" className="num" key={code}>
                {m.indicators[code]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">
                <Count count={row.responses} m={m} f={f} />
              </td>
              {codes.map((code) => {
                const i = row.indicators.find((x) => x.code === code);
                return (
                  <td key={code} className="num">
                    {i ? (
                      <>
                        <Share indicator={i} m={m} f={f} />
                        {i.value ? (
                          <span className="ci">
                            {m.ci} <Interval indicator={i} m={m} f={f} />
                          </span>
                        ) : null}
                        <span className="ci">
                          n <Count count={i.n} m={m} f={f} />
                        </span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Frame>
  );
}

/** The open-data page: a month's indicators, coverage, the releases, the files and their licence. */
export function OpenDataPage({ lang, months, shown, releases }: OpenDataPageProps) {
  const m = messagesFor(lang).openData;
  const f = formats(lang);
  const href = (params: { month?: string | undefined; lang?: Lang }) =>
    withQuery('/open-data', { month: params.month, lang: params.lang });
  const body = shown?.body;
  const national = body?.rows.find((r) => r.level === 'national');
  return (
    <Layout lang={lang} title={m.title} wide hrefIn={(l) => href({ month: shown?.month, lang: l })}>
      <h1>{m.title}</h1>
      <p className="lead">{m.lead}</p>
      {months.length > 0 ? (
        <nav aria-labelledby="months">
          <h2 id="months">{m.months}</h2>
          <ul className="months">
            {months.map((month) => (
              <li key={month}>
                <a href={href({ month, lang })} aria-current={month === shown?.month ? 'page' : undefined}>
                  {m.monthName(month)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p>{m.none}</p>
      )}
      {shown && body && national ? (
        <>
          <section aria-labelledby="month">
            <h2 id="month">{m.monthName(shown.month)}</h2>
            <p>{m.releaseOf(shown.release, f.date(shown.publishedAt))}</p>
            {shown.note ? <p className="panel">{m.correctionNote(shown.note)}</p> : null}
            <h3>{m.national}</h3>
            <NationalTable row={national} m={m} f={f} />
            <h3>{m.byType}</h3>
            <RowsTable
              rows={body.rows.filter((r) => r.level === 'pa-type')}
              heading={m.paType}
              caption={m.byType}
              m={m}
              f={f}
            />
            <h3>{m.byEnte}</h3>
            <RowsTable
              rows={body.rows.filter((r) => r.level === 'ente')}
              heading={m.ente}
              caption={m.byEnte}
              m={m}
              f={f}
            />
            <p className="hint">{m.indicatorsNote}</p>
            <p className="hint">
              <span aria-hidden="true">* </span>
              {m.withheldWhy(body.k)}
            </p>
          </section>
          <section aria-labelledby="coverage">
            <h2 id="coverage">{m.coverage}</h2>
            <p>{m.coverageAsOf(f.date(shown.publishedAt))}</p>
            <Frame label={m.coverage}>
              <table className="figures">
                <thead>
                  <tr>
                    <th scope="col">{m.indicator}</th>
                    <th scope="col" className="num">
                      {m.current}
                    </th>
                    <th scope="col" className="num">
                      {m.target}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{m.activeServices}</th>
                    <td className="num">{f.number(body.coverage.activeServices)}</td>
                    <td className="num">≥ {f.number(body.coverage.targets.services)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{m.entiWithService}</th>
                    <td className="num">{f.number(body.coverage.enti)}</td>
                    <td className="num">≥ {f.number(body.coverage.targets.enti)}</td>
                  </tr>
                </tbody>
              </table>
            </Frame>
            <Frame label={`${m.coverage}: ${m.paType}`}>
              <table className="figures">
                <thead>
                  <tr>
                    <th scope="col">{m.paType}</th>
                    <th scope="col" className="num">
                      {m.activeServices}
                    </th>
                    <th scope="col" className="num">
                      {m.entiWithService}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {body.coverage.byKind.map((row) => (
                    <tr key={row.kind}>
                      <th scope="row">{row.kind}</th>
                      <td className="num">{f.number(row.activeServices)}</td>
                      <td className="num">{f.number(row.enti)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Frame>
          </section>
        </>
      ) : null}
      {releases.length > 0 ? (
        <section aria-labelledby="releases">
          <h2 id="releases">{m.releases}</h2>
          <Frame label={m.releases}>
            <table className="figures">
              <thead>
                <tr>
                  <th scope="col">{m.month}</th>
                  <th scope="col" className="num">
                    {m.release}
                  </th>
                  <th scope="col">{m.publishedAt}</th>
                  <th scope="col">{m.note}</th>
                </tr>
              </thead>
              <tbody>
                {releases.map((r) => (
                  <tr key={`${r.month}/${r.release}`}>
                    <th scope="row" className="nowrap">
                      <a href={href({ month: r.month, lang })}>{m.monthName(r.month)}</a>
                    </th>
                    <td className="num">
                      {r.release}
                      {r.release > 1 ? ` (${m.correction})` : ''}
                    </td>
                    <td className="nowrap">{f.date(r.publishedAt)}</td>
                    <td>{r.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Frame>
        </section>
      ) : null}
      <section aria-labelledby="files">
        <h2 id="files">{m.files}</h2>
        <ul>
          <li>
            <a href="/open-data/indicators.csv">{m.csv}</a>
          </li>
          <li>
            <a href="/open-data/indicators.json">{m.json}</a>
          </li>
          <li>
            <a href="/open-data/catalog.json">{m.catalog}</a>
          </li>
        </ul>
        <p>
          {m.licenceText}{' '}
          <a href={OPEN_DATA_LICENCE} rel="license" hrefLang="en">
            {m.licence}
          </a>
          .
        </p>
      </section>
    </Layout>
  );
}
