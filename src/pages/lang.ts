import { LANGS, type Lang } from '../domain/questionnaire.js';

/** Each language by its own name, as the language switch shows it. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { it: 'Italiano', en: 'English', de: 'Deutsch' };

/** The language `raw` names, if it is one of the pages' (`en`, `EN`, `en-GB` all name English). */
export function langOf(raw: string | undefined): Lang | undefined {
  const primary = raw?.trim().toLowerCase().split('-')[0];
  return LANGS.find((l) => l === primary);
}

/** The languages an `Accept-Language` header asks for, best first (q-values; q=0 refuses). */
function acceptedLangs(header: string): Lang[] {
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';').map((s) => s.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { lang: langOf(tag), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.lang !== undefined && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((r) => r.lang as Lang);
}

/**
 * The language of a citizen page: `?lang=` when it names one of ours, else the best of
 * `Accept-Language` that we have, else Italian.
 *
 * @example negotiateLang(undefined, 'fr;q=1, de;q=0.8, en;q=0.5') // 'de'
 */
export function negotiateLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  return langOf(query) ?? acceptedLangs(acceptLanguage ?? '')[0] ?? 'it';
}
