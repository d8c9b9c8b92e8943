/** The widget's own texts (the questions come from the questionnaire); Italian first. */
export type Lang = 'it' | 'en' | 'de';

export interface Texts {
  readonly close: string;
  readonly submit: string;
  readonly sending: string;
  readonly requiredLegend: string;
  readonly required: string;
  readonly errorSummary: string;
  readonly errorPrefix: string;
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly fallbackError: string;
  readonly maxChars: (max: number) => string;
  readonly queued: string;
  readonly failed: string;
  readonly tokenUsed: string;
  readonly originRefused: string;
  readonly unavailable: string;
  readonly honeypot: string;
  /** Designers Italia families: they address the citizen with "tu", as the standard does. */
  readonly starsLegend: string;
  readonly chooseStars: string;
  readonly send: string;
}

const it: Texts = {
  close: 'Chiudi',
  submit: 'Invia la valutazione',
  sending: 'Invio in corso…',
  requiredLegend: 'Le domande contrassegnate con * sono obbligatorie.',
  required: 'obbligatoria',
  errorSummary: 'Alcune risposte vanno corrette',
  errorPrefix: 'Errore:',
  fieldErrors: {
    required: 'Risponda a questa domanda.',
    'invalid-value': 'Scelga una delle risposte proposte.',
    'invalid-option': 'Scelga tra le risposte proposte.',
    'too-long': 'Il testo è troppo lungo: lo accorci.',
    'not-shown': 'Questa domanda non si applica alle sue risposte.',
  },
  fallbackError: 'La risposta non è valida.',
  maxChars: (max) => `Massimo ${max} caratteri.`,
  queued:
    'Non è stato possibile inviare la valutazione ora: la invieremo automaticamente alla prossima visita.',
  failed: 'Non è stato possibile inviare la valutazione. Riprovi più tardi.',
  tokenUsed: 'Questa valutazione è già stata inviata.',
  originRefused: 'Questo sito non è abilitato a raccogliere valutazioni per il servizio.',
  unavailable: 'Il questionario non è disponibile in questo momento.',
  honeypot: 'Lasciare vuoto questo campo',
  starsLegend: 'Valuta da 1 a 5 stelle',
  chooseStars: 'Scegli da 1 a 5 stelle.',
  send: 'Invia',
};

const en: Texts = {
  close: 'Close',
  submit: 'Send your rating',
  sending: 'Sending…',
  requiredLegend: 'Questions marked with * are required.',
  required: 'required',
  errorSummary: 'Some answers need correcting',
  errorPrefix: 'Error:',
  fieldErrors: {
    required: 'Answer this question.',
    'invalid-value': 'Choose one of the answers offered.',
    'invalid-option': 'Choose among the answers offered.',
    'too-long': 'The text is too long: please shorten it.',
    'not-shown': 'This question does not apply to your answers.',
  },
  fallbackError: 'The answer is not valid.',
  maxChars: (max) => `At most ${max} characters.`,
  queued: 'Your rating could not be sent now: it will be sent automatically on your next visit.',
  failed: 'Your rating could not be sent. Please try again later.',
  tokenUsed: 'This rating has already been sent.',
  originRefused: 'This site is not enabled to collect ratings for the service.',
  unavailable: 'The questionnaire is not available right now.',
  honeypot: 'Leave this field empty',
  starsLegend: 'Rate from 1 to 5 stars',
  chooseStars: 'Choose from 1 to 5 stars.',
  send: 'Send',
};

const de: Texts = {
  close: 'Schließen',
  submit: 'Bewertung senden',
  sending: 'Wird gesendet…',
  requiredLegend: 'Mit * markierte Fragen sind Pflichtfragen.',
  required: 'Pflichtfrage',
  errorSummary: 'Einige Antworten müssen korrigiert werden',
  errorPrefix: 'Fehler:',
  fieldErrors: {
    required: 'Bitte beantworten Sie diese Frage.',
    'invalid-value': 'Wählen Sie eine der angebotenen Antworten.',
    'invalid-option': 'Wählen Sie unter den angebotenen Antworten.',
    'too-long': 'Der Text ist zu lang: bitte kürzen Sie ihn.',
    'not-shown': 'Diese Frage gilt nicht für Ihre Antworten.',
  },
  fallbackError: 'Die Antwort ist ungültig.',
  maxChars: (max) => `Höchstens ${max} Zeichen.`,
  queued:
    'Die Bewertung konnte jetzt nicht gesendet werden: sie wird beim nächsten Besuch automatisch gesendet.',
  failed: 'Die Bewertung konnte nicht gesendet werden. Bitte versuchen Sie es später erneut.',
  tokenUsed: 'Diese Bewertung wurde bereits gesendet.',
  originRefused: 'Diese Website ist nicht freigegeben, Bewertungen für den Dienst zu sammeln.',
  unavailable: 'Der Fragebogen ist derzeit nicht verfügbar.',
  honeypot: 'Dieses Feld leer lassen',
  starsLegend: 'Bewerte mit 1 bis 5 Sternen',
  chooseStars: 'Wähle 1 bis 5 Sterne.',
  send: 'Senden',
};

export const TEXTS: Readonly<Record<Lang, Texts>> = { it, en, de };

const supported = (value: string | null | undefined): Lang | undefined => {
  const code = value?.slice(0, 2).toLowerCase();
  return code === 'it' || code === 'en' || code === 'de' ? code : undefined;
};

/** The element's `lang`, else the closest `[lang]` of the page, else the browser's; Italian otherwise. */
export function languageOf(element: Element): Lang {
  return (
    supported(element.getAttribute('lang')) ??
    supported(element.closest('[lang]')?.getAttribute('lang')) ??
    supported(navigator.language) ??
    'it'
  );
}
