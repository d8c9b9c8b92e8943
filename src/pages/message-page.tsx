import type { Lang } from '../domain/questionnaire.js';
import { Layout } from './layout.js';

export interface MessagePageProps {
  readonly lang: Lang;
  readonly title: string;
  readonly body: string;
  readonly enteName?: string | undefined;
  readonly link?: { readonly href: string; readonly text: string } | undefined;
  /** The address of this page in another language (the language switch). */
  readonly hrefIn?: ((lang: Lang) => string) | undefined;
  /** A status message (thank-you) is announced by screen readers. */
  readonly status?: boolean;
}

/** A page that says one thing: thanks, not found, try again later. */
export function MessagePage({ lang, title, body, enteName, link, hrefIn, status = false }: MessagePageProps) {
  return (
    <Layout lang={lang} title={title} enteName={enteName} hrefIn={hrefIn}>
      <div className={status ? 'panel panel-success' : 'panel'} role={status ? 'status' : undefined}>
        <h1>{title}</h1>
        <p>{body}</p>
      </div>
      {link ? (
        <p>
          <a href={link.href}>{link.text}</a>
        </p>
      ) : null}
    </Layout>
  );
}
