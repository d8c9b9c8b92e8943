import type { Messages } from '../messages.js';

/** German (as in South Tyrol's public administration): the citizen is addressed with "Sie". */
export const de: Messages = {
  skipToContent: 'Zum Inhalt springen',
  platform: 'Valuta — die Qualität digitaler öffentlicher Dienste',
  languages: 'Sprache',
  privacyLink: 'Datenschutzhinweis',
  anonymousNote:
    'Der Fragebogen ist anonym: Wir fragen nicht, wer Sie sind, und speichern weder IP-Adresse noch Cookies oder Gerätekennungen.',
  requiredLegend: 'Mit * gekennzeichnete Fragen sind Pflichtfragen.',
  required: 'Pflichtfrage',
  submit: 'Bewertung senden',
  stepTwoNote: 'Danke. Aufgrund Ihrer Antworten möchten wir Sie noch fragen:',
  questionsAdded: 'Aufgrund Ihrer Antworten wurde weiter unten eine Frage hinzugefügt:',
  errorSummaryTitle: 'Einige Antworten müssen korrigiert werden',
  errorPrefix: 'Fehler:',
  charactersLeft: (max) => `Höchstens ${max} Zeichen.`,
  fieldErrors: {
    required: 'Beantworten Sie diese Frage.',
    'invalid-value': 'Wählen Sie eine der angebotenen Antworten.',
    'invalid-option': 'Wählen Sie unter den angebotenen Antworten.',
    'too-long': 'Der Text ist zu lang: Kürzen Sie ihn.',
    'not-shown': 'Diese Frage gilt für Ihre Antworten nicht.',
    'unknown-item': 'Diese Frage gehört nicht zum Fragebogen.',
  },
  fallbackFieldError: 'Die Antwort ist ungültig.',
  formErrors: {
    VALUTA_ERR_AUTOMATED_SUBMISSION:
      'Ein verborgenes Feld, das Menschen nicht sehen, wurde ausgefüllt, wie es automatische Programme tun: Die Bewertung wurde nicht gespeichert. Wenn Sie den Fragebogen selbst ausgefüllt haben, prüfen Sie Ihre Antworten und senden Sie ihn erneut.',
    VALUTA_ERR_TOO_FAST:
      'Das Formular wurde zu schnell gesendet, um gelesen worden zu sein: Warten Sie einige Sekunden und senden Sie es erneut. Ihre Antworten wurden beibehalten.',
    VALUTA_ERR_INVALID_FORM_TOKEN:
      'Das Formular ist nicht mehr gültig (zum Beispiel, weil es vor mehr als einem Tag geöffnet wurde): Die Bewertung wurde nicht gespeichert. Prüfen Sie Ihre Antworten und senden Sie es erneut.',
    VALUTA_ERR_INVALID_COMPLETION_TOKEN:
      'Der Link, mit dem Sie den Fragebogen geöffnet haben, ist ungültig oder abgelaufen; die Bewertung kann daher nicht als verifiziert gespeichert werden. Ihre Antworten wurden beibehalten: Wenn Sie sie erneut senden, wird sie ohne Verifizierung gespeichert.',
    VALUTA_ERR_COMPLETION_TOKEN_USED:
      'Der Link, mit dem Sie den Fragebogen geöffnet haben, wurde bereits für eine andere Bewertung verwendet (jeder Link gilt nur für eine). Ihre Antworten wurden beibehalten: Wenn Sie sie erneut senden, wird sie ohne Verifizierung gespeichert.',
  },
  honeypotLabel: 'Lassen Sie dieses Feld leer',
  thanksTitle: 'Bewertung gesendet',
  thanksBack: 'Zurück zum Dienst',
  notFoundTitle: 'Seite nicht gefunden',
  notFoundBody: 'Der gesuchte Fragebogen existiert nicht oder ist nicht mehr aktiv.',
  unavailableTitle: 'Dienst vorübergehend nicht verfügbar',
  unavailableBody:
    'Ihre Bewertung konnte nicht gespeichert werden. Versuchen Sie es in einigen Minuten erneut: Ihre Antworten gehen nicht verloren, wenn Sie zurückgehen.',
  rateLimitedTitle: 'Zu viele Bewertungen in kurzer Zeit',
  rateLimitedBody:
    'Von dieser Verbindung kamen in kurzer Zeit viele Bewertungen. Versuchen Sie es in einer Minute erneut: Ihre Antworten gehen nicht verloren, wenn Sie zurückgehen.',
  badRequestTitle: 'Ungültige Anfrage',
  badRequestBody:
    'Die Anfrage wurde nicht verstanden und es wurde nichts gespeichert. Öffnen Sie den Fragebogen erneut.',
  internalErrorTitle: 'Ein Fehler ist aufgetreten',
  internalErrorBody:
    'Der Vorgang konnte nicht abgeschlossen werden und es wurde nichts gespeichert. Versuchen Sie es später erneut.',
  backToForm: 'Fragebogen öffnen',
  preview: {
    title: 'Vorschau',
    banner: (family) =>
      `Vorschau des Entwurfs von „${family}“: Das Formular prüft die Antworten wie das öffentliche, speichert und zählt sie aber nicht.`,
    accepted:
      'Die Antworten sind gültig: Das öffentliche Formular würde sie annehmen. In der Vorschau werden sie weder gespeichert noch gezählt.',
  },
  privacy: {
    title: 'Datenschutzhinweis',
    intro:
      'Die Fragebögen von Valuta sind durch ihren Aufbau anonym: Wir wissen nicht, wer antwortet, und was wir speichern, lässt sich keiner Person zuordnen.',
    sections: (k) => [
      {
        title: 'Was wir speichern',
        items: [
          'Ihre Antworten auf die Auswahlfragen.',
          'Die Stunde, in der die Bewertung gesendet wurde, auf die volle Stunde abgerundet: nie Minuten oder Sekunden.',
          'Die Art des Geräts (Smartphone, Tablet oder Computer), aus Ihrem Browser abgeleitet; die Browserkennung (User-Agent) wird danach verworfen.',
          'Die Sprache des Fragebogens: Italienisch, Englisch oder Deutsch.',
          'Den Kanal, über den die Bewertung kam: Website, App, E-Mail, QR-Code oder Contact-Center.',
          'Ob die Ausfüllung verifiziert ist, das heißt, ob sie über einen Link kam, den die Verwaltung am Ende des Verfahrens erstellt: Der Link enthält keine personenbezogenen Daten und gilt für eine einzige Bewertung.',
        ],
      },
      {
        title: 'Was wir nicht speichern',
        items: [
          'Ihren Namen oder andere Daten, die Sie identifizieren: Wir fragen nicht danach.',
          'Ihre IP-Adresse: Sie kann im Arbeitsspeicher berücksichtigt werden, um wiederholte Sendungen zu begrenzen, wird aber nie gespeichert.',
          'Cookies: Diese Seiten setzen keine.',
          'Die Browserkennung (User-Agent), die Seite, von der Sie kommen, oder andere Angaben der Anfrage.',
          'Die genaue Uhrzeit. Das Formular trägt, signiert, den Zeitpunkt seines Öffnens mit sich, nur um automatische Sendungen zu erkennen: Dieser Zeitpunkt wird nicht gespeichert.',
        ],
      },
      {
        title: 'Schriftliche Vorschläge',
        items: [
          'Vor dem Speichern werden erkennbare personenbezogene Daten aus freien Texten entfernt: Steuernummern (codice fiscale), E-Mail-Adressen, Telefonnummern, IBAN, Mehrwertsteuernummern und Kartennummern.',
          'Die Texte werden getrennt von den Antworten auf die Auswahlfragen aufbewahrt, nur mit dem Tag, und lassen sich ihnen nicht zuordnen.',
          `Sie werden für die Verwaltung gruppenweise und in zufälliger Reihenfolge sichtbar: sobald für den Dienst mindestens ${k} eingegangen sind, oder am nächsten Tag.`,
        ],
      },
      {
        title: 'Ergebnisse',
        items: [
          `Ergebnisse werden nur zusammengefasst gezeigt, für Gruppen von mindestens ${k} ${k === 1 ? 'Bewertung' : 'Bewertungen'}; eine kleinere Gruppe wird nicht gezeigt.`,
          'Diese Seiten laden nichts von Websites Dritter (auch die Schriften liefert Valuta) und funktionieren auch ohne JavaScript.',
        ],
      },
    ],
  },
  index: {
    title: 'Valuta – aktive Dienste',
    lead: 'Messung der wahrgenommenen Qualität digitaler öffentlicher Dienste: anonyme, vergleichbare Fragebögen.',
    services: 'Aktive Dienste',
    ente: 'Verwaltung',
    service: 'Dienst',
    kind: 'Art',
    results: 'Ergebnisse',
    resultsOf: (service) => `Ergebnisse von ${service} (JSON)`,
    apiDocs: 'API-Dokumentation',
  },
  openData: {
    title: 'Offene Daten – Zufriedenheit mit digitalen öffentlichen Diensten',
    lead: 'Für jeden abgeschlossenen Monat die Indikatoren der Valuta-Fragebögen: für Italien, nach Art der Verwaltung und nach Verwaltung, mit der Zahl der Antworten und dem 95-%-Konfidenzintervall. Ein veröffentlichter Monat ändert sich nicht mehr: Eine Korrektur ist eine neue, datierte Veröffentlichung.',
    months: 'Monat',
    none: 'Noch kein Monat wurde veröffentlicht.',
    monthName: (month) =>
      new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      ),
    releaseOf: (release, date) => `Veröffentlichung ${release} vom ${date}`,
    correctionNote: (note) => `Korrektur: ${note}`,
    national: 'Italien',
    byType: 'Nach Art der Verwaltung',
    byEnte: 'Nach Verwaltung',
    indicator: 'Indikator',
    paType: 'Art der Verwaltung',
    ente: 'Verwaltung',
    share: 'Positiver Anteil',
    ci: '95-%-KI',
    n: 'Antworten (n)',
    responses: 'Antworten',
    indicators: {
      satisfaction: 'Zufriedenheit',
      ease: 'Einfachheit',
      effectiveness: 'Wirksamkeit',
      clarity: 'Klarheit',
    },
    indicatorsNote:
      'Jeder Indikator ist der Anteil positiver Antworten auf seine Frage (zum Beispiel „Zufriedenstellend“ oder „Sehr zufriedenstellend“), mit n, den Antworten auf diese Frage.',
    withheld: 'vertraulich',
    withheldWhy: (k) =>
      `„vertraulich“: Der Wert wird nicht veröffentlicht, weil er weniger als ${k} Antworten zählt oder weil er zusammen mit den anderen gezeigten Werten einen so kleinen Wert verraten würde. Bei kleinen Zahlen könnten die Antwortenden erkannt werden.`,
    coverage: 'Abdeckung gegenüber den Zielen 2026',
    coverageAsOf: (date) => `Zum Zeitpunkt der Veröffentlichung (${date}).`,
    target: 'Ziel',
    current: 'Erreicht',
    activeServices: 'Aktive Dienste',
    entiWithService: 'Verwaltungen mit mindestens einem aktiven Dienst',
    releases: 'Veröffentlichungen',
    month: 'Monat',
    release: 'Veröffentlichung',
    publishedAt: 'Veröffentlicht am',
    note: 'Hinweis',
    correction: 'Korrektur',
    files: 'Dateien und Lizenz',
    csv: 'Indikatoren als CSV',
    json: 'Indikatoren als JSON',
    catalog: 'Katalogeintrag (DCAT-AP_IT, JSON-LD)',
    licence: 'Creative Commons Namensnennung 4.0 International (CC BY 4.0)',
    licenceText: 'Die Daten werden veröffentlicht unter der Lizenz',
  },
};
