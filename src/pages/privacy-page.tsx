import type { Lang } from '../domain/questionnaire.js';
import { Layout, withQuery } from './layout.js';
import { messagesFor } from './messages.js';

export interface PrivacyPageProps {
  readonly lang: Lang;
  /** The smallest group of responses a result is shown for (SUPPRESSION_K). */
  readonly k: number;
}

/** The privacy notice of the citizen pages: what a response holds and what is never kept (docs/privacy.md). */
export function PrivacyPage({ lang, k }: PrivacyPageProps) {
  const { privacy } = messagesFor(lang);
  return (
    <Layout lang={lang} title={privacy.title} hrefIn={(l) => withQuery('/privacy', { lang: l })}>
      <h1>{privacy.title}</h1>
      <p className="lead">{privacy.intro}</p>
      {privacy.sections(k).map((section) => (
        <section key={section.title} className="notice-section">
          <h2>{section.title}</h2>
          <ul>
            {section.items.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
