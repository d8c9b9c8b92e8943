/**
 * /console/suggerimenti: a service's suggestions of a closed month, redacted, in no order of time:
 * their themes (frequent terms and pairs, with examples), a search in Italian, filters by the
 * answer to the overall item or the channel, twenty at a time, and downloads of the same list.
 * The choice is in the address (?servizio=&mese=&punteggio=&canale=&q=&pagina=). A list whose
 * count disclosure control withholds says so instead of showing texts.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';

import { NO_SCORE, type SuggestionsView, type Theme } from '../../domain/suggestions.js';
import { TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { useI18n } from '../i18n/index.js';
import type { Messages } from '../i18n/it.js';
import {
  exportUrl,
  resultsPeriodsQuery,
  servicesQuery,
  suggestionsQuery,
  type SuggestionsParams,
} from '../queries.js';
import { Loaded } from '../results/ServiceDashboard.js';
import { CHANNELS, type Channel } from '../types.js';

const SCORES = ['5', '4', '3', '2', '1', NO_SCORE];

function Select({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <div className="select-wrapper console-field">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <select id={id} name={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function Themes({
  t,
  title,
  themes,
  id,
}: {
  t: Messages;
  title: string;
  themes: readonly Theme[];
  id: string;
}) {
  return (
    <div className="col-12 col-lg-6">
      <h3 className="h5" id={id}>
        {title}
      </h3>
      {themes.length === 0 ? (
        <p>{t.suggestions.noThemes}</p>
      ) : (
        <ol className="console-themes" aria-labelledby={id}>
          {themes.map((theme) => (
            <li key={theme.label}>
              <details>
                <summary>
                  <span lang="it">{theme.label}</span> — {t.suggestions.themeCount(theme.count)}
                </summary>
                <ul>
                  {theme.examples.map((example, i) => (
                    <li key={i}>
                      <q lang="it">{example}</q>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function List({
  t,
  view,
  params,
  pageHref,
  scoreLabel,
}: {
  t: Messages;
  view: SuggestionsView;
  params: SuggestionsParams;
  pageHref(page: number): string;
  scoreLabel(score: string): string;
}) {
  if (view.withheld)
    return (
      <div className="alert alert-info" role="status">
        <p className="mb-0">{t.suggestions.withheld(view.k)}</p>
      </div>
    );
  const pages = Math.max(1, Math.ceil((view.matched ?? 0) / view.pageSize));
  const query = {
    service: params.service,
    period: params.period,
    score: params.score,
    channel: params.channel,
    q: params.q,
  };
  return (
    <>
      <p>
        {t.suggestions.counts(view.total ?? 0, params.q ? (view.matched ?? 0) : null)}
        {view.disclosureControl ? '' : ` ${t.suggestions.central}`}
      </p>
      {view.byScore.length > 0 ? (
        <p className="console-hint">
          {t.suggestions.byScore}{' '}
          {view.byScore
            .map(
              (b) =>
                `${scoreLabel(b.score)}: ${b.count.withheld ? t.results.withheld : String(b.count.count)}`,
            )
            .join(' · ')}
        </p>
      ) : null}
      <section aria-labelledby="themes-heading" className="console-results-section">
        <h2 id="themes-heading" className="h4">
          {t.suggestions.themesTitle}
        </h2>
        <p className="console-hint">{t.suggestions.themesHint}</p>
        <div className="row">
          <Themes t={t} id="themes-terms" title={t.suggestions.terms} themes={view.themes.terms} />
          <Themes t={t} id="themes-pairs" title={t.suggestions.pairs} themes={view.themes.bigrams} />
        </div>
      </section>
      <section aria-labelledby="list-heading" className="console-results-section">
        <h2 id="list-heading" className="h4">
          {t.suggestions.listTitle}
        </h2>
        {view.suggestions.length === 0 ? (
          <p>{t.suggestions.none}</p>
        ) : (
          <ol className="console-suggestions" start={(view.page - 1) * view.pageSize + 1}>
            {view.suggestions.map((s, i) => (
              <li key={`${view.page}-${i}`}>
                <blockquote lang={s.lang} className="console-suggestion">
                  {s.text}
                </blockquote>
                {view.disclosureControl ? null : (
                  <p className="console-hint mb-0">
                    {[
                      s.score === null ? t.suggestions.noScore : scoreLabel(String(s.score)),
                      s.channel === null ? null : t.channels[s.channel as Channel],
                    ]
                      .filter((x) => x !== null)
                      .join(' · ')}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
        {pages > 1 ? (
          <nav aria-label={t.suggestions.pagesLabel} className="console-pages">
            {view.page > 1 ? <Link to={pageHref(view.page - 1)}>{t.suggestions.previous}</Link> : null}
            <span>{t.suggestions.pageOf(view.page, pages)}</span>
            {view.page < pages ? <Link to={pageHref(view.page + 1)}>{t.suggestions.next}</Link> : null}
          </nav>
        ) : null}
        <ul className="console-downloads">
          <li>
            <a href={exportUrl('suggestions.csv', query)} download>
              {t.suggestions.downloadCsv}
            </a>
          </li>
          <li>
            <a href={exportUrl('suggestions.xlsx', query)} download>
              {t.suggestions.downloadXlsx}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}

export function Suggestions() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const services = useQuery(servicesQuery());
  const listed = (services.data ?? []).filter((s) => s.status !== 'draft');
  const slug = params.get('servizio') || (listed[0]?.slug ?? '');
  const periods = useQuery({ ...resultsPeriodsQuery(slug), enabled: slug !== '' });
  const month = params.get('mese') || (periods.data?.months[0] ?? '');
  const asked: SuggestionsParams = {
    service: slug,
    period: month,
    ...(params.get('punteggio') ? { score: params.get('punteggio')! } : {}),
    ...(params.get('canale') ? { channel: params.get('canale')! } : {}),
    ...(params.get('q') ? { q: params.get('q')! } : {}),
    ...(Number(params.get('pagina')) > 1 ? { page: Number(params.get('pagina')) } : {}),
  };
  const view = useQuery({ ...suggestionsQuery(asked), enabled: slug !== '' && month !== '' });
  const [draft, setDraft] = useState({
    servizio: slug,
    mese: month,
    punteggio: asked.score ?? '',
    canale: asked.channel ?? '',
    q: asked.q ?? '',
  });
  const scoreLabel = (score: string) =>
    score === NO_SCORE ? t.suggestions.noScore : t.suggestions.score(score);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '')));
  }
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.set('servizio', slug);
    next.set('mese', month);
    next.set('pagina', String(page));
    return `?${next.toString()}`;
  };

  let content;
  if (services.isPending || (periods.isPending && periods.fetchStatus !== 'idle')) content = <Loading />;
  else if (services.isError) content = <LoadError error={services.error} />;
  else if (periods.isError) content = <LoadError error={periods.error} />;
  else if (slug === '') content = <p>{t.results.noServices}</p>;
  else if (month === '') content = <p>{t.suggestions.noMonths}</p>;
  else
    content = (
      <Loaded query={view}>
        {(data) => <List t={t} view={data} params={asked} pageHref={pageHref} scoreLabel={scoreLabel} />}
      </Loaded>
    );

  return (
    <Page title={t.suggestions.title}>
      <p className="console-results-intro">{t.suggestions.intro}</p>
      {services.isSuccess ? (
        <form
          key={params.toString()}
          onSubmit={submit}
          className="console-filters console-results-filters"
          aria-label={t.suggestions.filterLegend}
        >
          <Select
            id="servizio"
            label={t.results.serviceLabel}
            value={draft.servizio}
            onChange={(v) => setDraft({ ...draft, servizio: v, mese: '' })}
            options={listed.map((s) => [s.slug, s.name] as const)}
          />
          <Select
            id="mese"
            label={t.suggestions.month}
            value={draft.mese}
            onChange={(v) => setDraft({ ...draft, mese: v })}
            options={(draft.servizio === slug ? (periods.data?.months ?? []) : [])
              .map((m) => [m, m] as const)
              .concat(draft.servizio === slug ? [] : [['', t.suggestions.latestMonth] as const])}
          />
          <Select
            id="punteggio"
            label={t.suggestions.scoreFilter}
            value={draft.punteggio}
            onChange={(v) => setDraft({ ...draft, punteggio: v })}
            options={[['', t.suggestions.any] as const, ...SCORES.map((s) => [s, scoreLabel(s)] as const)]}
          />
          <Select
            id="canale"
            label={t.suggestions.channel}
            value={draft.canale}
            onChange={(v) => setDraft({ ...draft, canale: v })}
            options={[['', t.suggestions.any] as const, ...CHANNELS.map((c) => [c, t.channels[c]] as const)]}
          />
          <TextField
            id="q"
            type="search"
            label={t.suggestions.search}
            value={draft.q}
            onChange={(v) => setDraft({ ...draft, q: v })}
            hint={t.suggestions.searchHint}
            maxLength={200}
          />
          <button type="submit" className="btn btn-primary">
            {t.results.show}
          </button>
        </form>
      ) : null}
      {content}
    </Page>
  );
}
