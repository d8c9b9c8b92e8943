import type { ReactNode } from 'react';
import { DocumentHead } from './document-head.js';

/**
 * Which page of the ente's site a demo page reproduces: the page where the service's
 * questionnaire family belongs (docs/widget.md).
 * - `ente-receipt`: a national ente's page at the end of its online procedure (cx-* families);
 * - `comune-information`: a service's information page on the Designers Italia municipal model,
 *   where AgID's validator expects the page-clarity question (di-chiarezza-pagina);
 * - `comune-receipt`: the last step of an online procedure on the municipal model, "Richiesta
 *   inviata" with its receipt, where the end-of-service rating belongs (di-valutazione-servizio).
 */
export type DemoPageKind = 'ente-receipt' | 'comune-information' | 'comune-receipt';

/** The page a questionnaire family goes on. */
export function demoPageKind(family: string): DemoPageKind {
  if (family === 'di-valutazione-servizio') return 'comune-receipt';
  return family.startsWith('di-') ? 'comune-information' : 'ente-receipt';
}

/** What the demo page of a service shows: the service as its ente would present it, and the embed. */
export interface DemoPageProps {
  readonly service: {
    readonly slug: string;
    readonly name: string;
    readonly url: string | null;
    readonly enteName: string;
  };
  readonly kind: DemoPageKind;
  /**
   * The receipt number shown on a `comune-receipt` page: made up for the page view by the
   * caller (random, so that it says nothing of when), and never stored.
   */
  readonly receipt?: string | undefined;
  /** The script as the page loads it, with its integrity (the same as in the snippet). */
  readonly scriptSrc: string;
  readonly integrity: string;
  /** The HTML an ente pastes, shown on the page. */
  readonly snippet: string;
  /** Element attributes: mode and lang only when asked for; token when the service verifies completions. */
  readonly mode?: 'button' | 'inline' | undefined;
  readonly lang?: 'it' | 'en' | 'de' | undefined;
  readonly token?: string | undefined;
}

function Widget({ service, mode, lang, token }: DemoPageProps) {
  // A custom element: React renders its attributes as given.
  return <valuta-feedback service={service.slug} mode={mode} lang={lang} token={token} />;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'valuta-feedback': {
        service: string;
        mode?: string | undefined;
        lang?: string | undefined;
        token?: string | undefined;
      };
    }
  }
}

function Integration({ snippet, token }: DemoPageProps) {
  return (
    <section className="demo-code" aria-labelledby="codice">
      <h2 id="codice">Codice di integrazione</h2>
      <p>
        Questa pagina è una dimostrazione: riproduce la pagina di un ente che ha integrato il questionario di
        Valuta. Per farlo, l&apos;ente incolla nella pagina queste due righe:
      </p>
      <pre tabIndex={0} aria-label="Codice di integrazione">
        <code>{snippet}</code>
      </pre>
      {token ? (
        <p>
          Il server dell&apos;ente aggiunge all&apos;elemento l&apos;attributo <code>token</code>, un gettone
          di completamento firmato e monouso: la risposta è così contata come «completamento verificato».
        </p>
      ) : null}
    </section>
  );
}

const siteOf = (url: string | null) => (url ? new URL(url).origin : '#');

/** What every demo page has around its own header and main content: breadcrumb, footer, the widget's script. */
function Document({
  props,
  header,
  children,
}: {
  props: DemoPageProps;
  header: ReactNode;
  children: ReactNode;
}) {
  const { service } = props;
  return (
    <html lang="it">
      <DocumentHead title={`${service.name} – ${service.enteName}`} stylesheet="/assets/demo.css">
        <script src={props.scriptSrc} integrity={props.integrity} crossOrigin="anonymous" defer />
      </DocumentHead>
      <body className={props.kind === 'ente-receipt' ? 'demo' : 'demo demo-di'}>
        <a className="demo-skip" href="#main">
          Vai al contenuto
        </a>
        {header}
        <nav className="demo-wrap demo-breadcrumb" aria-label="Percorso di navigazione">
          <ol>
            <li>
              <a href={siteOf(service.url)}>Home</a>
            </li>
            <li>
              <a href={service.url ?? '#'}>Servizi</a>
            </li>
            <li aria-current="page">{service.name}</li>
          </ol>
        </nav>
        {children}
        <footer className="demo-footer">
          <div className="demo-wrap">{service.enteName}</div>
        </footer>
      </body>
    </html>
  );
}

/** A service page of a national ente (INPS, INAIL, Roma Capitale) with the widget's button. */
function EntePage(props: DemoPageProps) {
  const { service } = props;
  return (
    <Document
      props={props}
      header={
        <header className="demo-header">
          <div className="demo-wrap">
            <p className="demo-ente">{service.enteName}</p>
            <p className="demo-note">Pagina dimostrativa della piattaforma Valuta</p>
          </div>
        </header>
      }
    >
      <main id="main" className="demo-wrap" tabIndex={-1}>
        <h1>{service.name}</h1>
        <p className="demo-lead">
          Ha completato la procedura online. La ricevuta è disponibile nella sua area riservata.
        </p>
        <section className="demo-feedback" aria-labelledby="valuta">
          <h2 id="valuta">Valuta il servizio</h2>
          <p>Ci dica com&apos;è andata: bastano poche domande.</p>
          <Widget {...props} />
        </section>
        <Integration {...props} />
      </main>
    </Document>
  );
}

const SECTIONS = [
  ['descrizione', 'Descrizione'],
  ['a-chi-si-rivolge', 'A chi si rivolge'],
  ['come-fare', 'Come fare'],
  ['cosa-serve', 'Cosa serve'],
] as const;

/** The Designers Italia municipal model around a page: its header, and the rating block below the content. */
function ComuneDocument({ props, children }: { props: DemoPageProps; children: ReactNode }) {
  return (
    <Document
      props={props}
      header={
        <header>
          <div className="di-slim">
            <div className="demo-wrap">
              Regione Emilia-Romagna · Pagina dimostrativa della piattaforma Valuta
            </div>
          </div>
          <div className="di-center">
            <div className="demo-wrap">
              <p className="di-comune">{props.service.enteName}</p>
              <p className="di-motto">Il sito ufficiale del Comune</p>
            </div>
          </div>
        </header>
      }
    >
      <main id="main" tabIndex={-1}>
        {children}
        <section className="di-feedback" aria-label="Valutazione">
          <div className="demo-wrap">
            <Widget {...props} />
          </div>
        </section>
        <div className="demo-wrap">
          <Integration {...props} />
        </div>
      </main>
    </Document>
  );
}

/** A service's information page on the municipal model, the page-clarity rating at its end. */
function ComuneInformationPage(props: DemoPageProps) {
  const { service } = props;
  const text: Readonly<Record<(typeof SECTIONS)[number][0], string>> = {
    descrizione: `Il servizio «${service.name}» si richiede online, senza recarsi allo sportello.`,
    'a-chi-si-rivolge':
      'A cittadine e cittadini residenti e a chi ne ha titolo secondo il regolamento comunale.',
    'come-fare':
      'Accedi con SPID o CIE, compila la domanda, allega i documenti e invia: ricevi una ricevuta.',
    'cosa-serve': "Un documento d'identità valido e, se richiesto, il pagamento dei diritti di istruttoria.",
  };
  return (
    <ComuneDocument props={props}>
      <div className="demo-wrap">
        <h1>{service.name}</h1>
        <p className="demo-lead">Informazioni e modalità per richiedere il servizio online.</p>
      </div>
      <div className="demo-wrap di-columns">
        <nav className="di-index" aria-labelledby="indice">
          <h2 id="indice">Indice della pagina</h2>
          <ul>
            {SECTIONS.map(([id, title]) => (
              <li key={id}>
                <a href={`#${id}`}>{title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="di-content">
          {SECTIONS.map(([id, title]) => (
            <section key={id} id={id} aria-labelledby={`${id}-title`}>
              <h2 id={`${id}-title`}>{title}</h2>
              <p>{text[id]}</p>
            </section>
          ))}
        </div>
      </div>
    </ComuneDocument>
  );
}

/**
 * The last step of the service's online procedure on the municipal model ("Richiesta
 * inviata", with its receipt), the end-of-service rating below it.
 */
function ComuneReceiptPage(props: DemoPageProps) {
  const { service } = props;
  return (
    <ComuneDocument props={props}>
      <div className="demo-wrap">
        <p className="di-step">{service.name} · Procedura online, ultimo passo</p>
        <h1>Richiesta inviata</h1>
        <p className="demo-lead">
          Grazie, abbiamo ricevuto la tua richiesta. Puoi seguirne lo stato nella tua area personale.
        </p>
        <div className="di-receipt">
          <dl>
            <dt>Numero della richiesta</dt>
            <dd>{props.receipt}</dd>
          </dl>
          <p>Numero di esempio: inventato per questa pagina dimostrativa, cambia a ogni visita.</p>
        </div>
      </div>
    </ComuneDocument>
  );
}

/** The demo page of a service: how the widget looks on the ente's own page. */
export function DemoPage(props: DemoPageProps) {
  switch (props.kind) {
    case 'ente-receipt':
      return <EntePage {...props} />;
    case 'comune-information':
      return <ComuneInformationPage {...props} />;
    case 'comune-receipt':
      return <ComuneReceiptPage {...props} />;
  }
}
