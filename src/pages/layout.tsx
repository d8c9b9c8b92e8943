import type { ReactNode } from 'react';
import { LANGS, type Lang } from '../domain/questionnaire.js';
import { DocumentHead } from './document-head.js';
import { LANG_NAMES } from './lang.js';
import { messagesFor } from './messages.js';

interface LayoutProps {
  readonly lang: Lang;
  readonly title: string;
  readonly enteName?: string | undefined;
  /** The address of this page in another language; absent, the page has no language switch. */
  readonly hrefIn?: ((lang: Lang) => string) | undefined;
  /** Loads the progressive enhancement of the questionnaire (the page works without it). */
  readonly script?: boolean;
  /** A page of tables: a wider column on large screens. */
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/** The address `path` with `lang` and whatever else `params` holds, in the query. */
export function withQuery(path: string, params: Readonly<Record<string, string | undefined>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function LanguageSwitch({ lang, hrefIn }: { lang: Lang; hrefIn: (lang: Lang) => string }) {
  return (
    <nav className="langs" aria-label={messagesFor(lang).languages}>
      <ul>
        {LANGS.map((l) => (
          <li key={l}>
            <a href={hrefIn(l)} lang={l} hrefLang={l} aria-current={l === lang ? 'true' : undefined}>
              {LANG_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The frame of every citizen page: Designers Italia slim header, one main landmark, footer. */
export function Layout({
  lang,
  title,
  enteName,
  hrefIn,
  script = false,
  wide = false,
  children,
}: LayoutProps) {
  const m = messagesFor(lang);
  const wrap = wide ? 'wrap wide' : 'wrap';
  return (
    <html lang={lang}>
      <DocumentHead title={title} stylesheet="/assets/valuta.css" preloadFont={400}>
        {script ? <script src="/assets/hosted.js" defer /> : null}
      </DocumentHead>
      <body>
        <a className="skip" href="#main">
          {m.skipToContent}
        </a>
        <header className="header">
          <div className={`${wrap} header-bar`}>
            <span className="header-name">{enteName ?? 'Valuta'}</span>
            {hrefIn ? <LanguageSwitch lang={lang} hrefIn={hrefIn} /> : null}
          </div>
        </header>
        <main id="main" className={wrap} tabIndex={-1}>
          {children}
        </main>
        <footer className="footer">
          <div className={wrap}>
            <p>{m.platform}</p>
            <p>
              <a href={withQuery('/privacy', { lang })}>{m.privacyLink}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
