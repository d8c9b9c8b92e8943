import type { ReactNode } from 'react';

interface DocumentHeadProps {
  readonly title: string;
  /** The page's own stylesheet, after the fonts. */
  readonly stylesheet: string;
  /** The Titillium Web weight the page shows first, fetched before the stylesheet asks for it. */
  readonly preloadFont?: 400 | 600 | undefined;
  /** What the page adds: its scripts. */
  readonly children?: ReactNode;
}

/** The head of every page Valuta serves: charset, viewport, no referrer, the fonts, then the page's own. */
export function DocumentHead({ title, stylesheet, preloadFont, children }: DocumentHeadProps) {
  return (
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>{title}</title>
      {preloadFont ? (
        <link
          rel="preload"
          href={`/assets/fonts/titillium-web-latin-${preloadFont}-normal.woff2`}
          as="font"
          type="font/woff2"
          crossOrigin=""
        />
      ) : null}
      <link rel="stylesheet" href="/assets/fonts.css" />
      <link rel="stylesheet" href={stylesheet} />
      {children}
    </head>
  );
}
