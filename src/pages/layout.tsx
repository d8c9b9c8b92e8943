import type { ReactNode } from 'react';
import { messages } from './messages.js';

interface LayoutProps {
  readonly title: string;
  readonly enteName?: string | undefined;
  readonly children: ReactNode;
}

/** The frame of every citizen page: Designers Italia slim header, one main landmark, footer. */
export function Layout({ title, enteName, children }: LayoutProps) {
  return (
    <html lang="it">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <link
          rel="preload"
          href="/assets/fonts/titillium-web-latin-400-normal.woff2"
          as="font"
          type="font/woff2"
          crossOrigin=""
        />
        <link rel="stylesheet" href="/assets/valuta.css" />
      </head>
      <body>
        <a className="skip" href="#main">
          {messages.skipToContent}
        </a>
        <header className="header">
          <div className="wrap">{enteName ?? 'Valuta'}</div>
        </header>
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="footer">
          <div className="wrap">{messages.platform}</div>
        </footer>
      </body>
    </html>
  );
}
