/**
 * The themes of the month's suggestions (`suggestionsFor`): the most frequent terms and pairs of
 * terms with how many suggestions hold them and one of those suggestions (redacted); withheld as
 * the list is ("riservato", with the reason).
 */
import type { SuggestionsView, Theme } from '../../domain/suggestions.js';
import { count } from './format.js';
import { m } from './messages.js';
import { wrapText } from './svg.js';

/** Room for an example in a table cell: its first words, cut at a space. */
const EXAMPLE_CHARS = 160;

function excerpt(text: string): string {
  if (text.length <= EXAMPLE_CHARS) return text;
  return `${wrapText(text, EXAMPLE_CHARS)[0]!} …`;
}

function ThemeTable({ themes, caption, name }: { themes: readonly Theme[]; caption: string; name: string }) {
  return (
    <table className="data" data-table={name}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.theme}</th>
          <th scope="col" className="num">
            {m.suggestionsColumn}
          </th>
          <th scope="col">{m.example}</th>
        </tr>
      </thead>
      <tbody>
        {themes.map((theme) => (
          <tr key={theme.label}>
            <th scope="row">{theme.label}</th>
            <td className="num">{count(theme.count)}</td>
            <td className="example">{theme.examples[0] ? m.quoted(excerpt(theme.examples[0])) : m.none}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Themes({ view, scope }: { view: SuggestionsView; scope: string }) {
  const { terms, bigrams } = view.themes;
  return (
    <section className="report-section" aria-labelledby="temi">
      <h2 id="temi">{m.themesTitle}</h2>
      {view.withheld ? (
        <p>
          <span className="withheld">{m.withheld}</span>: {m.themesWithheld(view.k)}
        </p>
      ) : (
        <>
          <p data-value="suggestions">{m.themesTotal(view.total === null ? m.none : count(view.total))}</p>
          <p className="hint">{m.themesIntro}</p>
          {terms.length === 0 ? <p>{m.themesNone}</p> : null}
          {terms.length > 0 ? (
            <ThemeTable themes={terms} caption={m.termsCaption(scope)} name="terms" />
          ) : null}
          {bigrams.length > 0 ? (
            <ThemeTable themes={bigrams} caption={m.bigramsCaption(scope)} name="bigrams" />
          ) : null}
        </>
      )}
    </section>
  );
}
