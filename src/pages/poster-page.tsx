import { DocumentHead } from './document-head.js';

export const POSTER_FORMATS = ['a4', 'a5'] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];

export interface PosterPageProps {
  readonly format: PosterFormat;
  /** The channel the QR code records, kept when switching format. */
  readonly channel: string;
  readonly serviceName: string;
  readonly enteName: string;
  /** Where the page loads the QR image from (same origin: the CSP allows only 'self'). */
  readonly qrSrc: string;
  /** The questionnaire's address without query, short enough to type. */
  readonly questionnaireUrl: string;
  /** The address the QR code opens, with its channel. */
  readonly scannedUrl: string;
}

/** The address as a person types it: no scheme (browsers add it). */
const typedAddress = (url: string) => url.replace(/^https?:\/\//, '');

/**
 * The poster an ente prints for its counter: one sheet (A4 or A5) with the service, the QR code
 * and the address in words for whoever cannot scan. The tools above the sheet are not printed.
 */
export function PosterPage({
  format,
  channel,
  serviceName,
  enteName,
  qrSrc,
  questionnaireUrl,
  scannedUrl,
}: PosterPageProps) {
  const label = format.toUpperCase();
  const other: PosterFormat = format === 'a4' ? 'a5' : 'a4';
  const qrPng = qrSrc.replace('/qr.svg', '/qr.png');
  return (
    <html lang="it">
      <DocumentHead
        title={`Locandina ${label} – Valuta il servizio – ${serviceName}`}
        stylesheet="/assets/poster.css"
        preloadFont={600}
      />
      <body className="poster-body">
        <nav className="poster-tools" aria-label="Strumenti della locandina">
          <p>
            Locandina in formato {label}: per stamparla usi il comando Stampa del browser, su carta {label}.
          </p>
          <ul>
            <li>
              <a href={`?format=${other}&channel=${encodeURIComponent(channel)}`}>
                Passa al formato {other.toUpperCase()}
              </a>
            </li>
            <li>
              <a href={qrSrc} download>
                Scarica il codice QR (SVG, per la stampa)
              </a>
            </li>
            <li>
              <a href={qrPng} download>
                Scarica il codice QR (PNG)
              </a>
            </li>
          </ul>
        </nav>
        <div className={`sheet sheet-${format}`}>
          <header className="sheet-header">
            <p className="sheet-ente">{enteName}</p>
          </header>
          <main className="sheet-main">
            <h1 className="sheet-title">Valuta il servizio</h1>
            <p className="sheet-service">{serviceName}</p>
            <img
              className="sheet-qr"
              src={qrSrc}
              width={400}
              height={400}
              alt={`Codice QR: apre il questionario all'indirizzo ${scannedUrl}`}
            />
            <p className="sheet-scan">Inquadri il codice con la fotocamera del telefono</p>
            <p className="sheet-or">oppure scriva questo indirizzo nel browser:</p>
            <p className="sheet-url">
              <a href={questionnaireUrl}>{typedAddress(questionnaireUrl)}</a>
            </p>
            <p className="sheet-note">Il questionario è anonimo e richiede un minuto.</p>
            <p className="sheet-why">Il suo parere ci aiuta a migliorare il servizio.</p>
          </main>
          <footer className="sheet-footer">
            <p>Valuta — la qualità dei servizi pubblici digitali</p>
          </footer>
        </div>
      </body>
    </html>
  );
}
