/** Texts of the citizen pages, keyed by what they say; Italian first (en, de come with the language switch). */
export const messages = {
  skipToContent: 'Vai al contenuto',
  platform: 'Valuta — la qualità dei servizi pubblici digitali',
  anonymousNote:
    'Il questionario è anonimo: non chiediamo chi è e non registriamo indirizzo IP, cookie o identificativi del dispositivo.',
  requiredLegend: 'Le domande contrassegnate con * sono obbligatorie.',
  required: 'obbligatoria',
  submit: 'Invia la valutazione',
  stepTwoNote: 'Grazie. In base alle sue risposte, le chiediamo ancora:',
  errorSummaryTitle: 'Alcune risposte vanno corrette',
  errorPrefix: 'Errore:',
  charactersLeft: (max: number) => `Massimo ${max} caratteri.`,
  starsLabel: (value: number, max: number) =>
    value === 1 ? `1 stella su ${max}` : `${value} stelle su ${max}`,
  fieldErrors: {
    required: 'Risponda a questa domanda.',
    'invalid-value': 'Scelga una delle risposte proposte.',
    'invalid-option': 'Scelga tra le risposte proposte.',
    'too-long': 'Il testo è troppo lungo: lo accorci.',
    'not-shown': 'Questa domanda non si applica alle sue risposte.',
    'unknown-item': 'Questa domanda non fa parte del questionario.',
  } as Readonly<Record<string, string>>,
  fallbackFieldError: 'La risposta non è valida.',
  thanksTitle: 'Valutazione inviata',
  thanksBack: 'Torna al servizio',
  notFoundTitle: 'Pagina non trovata',
  notFoundBody: 'Il questionario che cerca non esiste o non è più attivo.',
  unavailableTitle: 'Servizio momentaneamente non disponibile',
  unavailableBody:
    'Non è stato possibile registrare la valutazione. Riprovi tra qualche minuto: le sue risposte non sono andate perse se torna indietro.',
} as const;
