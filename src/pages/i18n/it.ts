import type { Messages } from '../messages.js';

/** Italian: the pages' first language. The citizen is addressed with "lei". */
export const it: Messages = {
  skipToContent: 'Vai al contenuto',
  platform: 'Valuta — la qualità dei servizi pubblici digitali',
  languages: 'Lingua',
  privacyLink: 'Informativa sulla privacy',
  anonymousNote:
    'Il questionario è anonimo: non chiediamo chi è e non registriamo indirizzo IP, cookie o identificativi del dispositivo.',
  requiredLegend: 'Le domande contrassegnate con * sono obbligatorie.',
  required: 'obbligatoria',
  submit: 'Invia la valutazione',
  stepTwoNote: 'Grazie. In base alle sue risposte, le chiediamo ancora:',
  questionsAdded: 'In base alle sue risposte è stata aggiunta una domanda più avanti:',
  errorSummaryTitle: 'Alcune risposte vanno corrette',
  errorPrefix: 'Errore:',
  charactersLeft: (max) => `Massimo ${max} caratteri.`,
  fieldErrors: {
    required: 'Risponda a questa domanda.',
    'invalid-value': 'Scelga una delle risposte proposte.',
    'invalid-option': 'Scelga tra le risposte proposte.',
    'too-long': 'Il testo è troppo lungo: lo accorci.',
    'not-shown': 'Questa domanda non si applica alle sue risposte.',
    'unknown-item': 'Questa domanda non fa parte del questionario.',
  },
  fallbackFieldError: 'La risposta non è valida.',
  formErrors: {
    VALUTA_ERR_AUTOMATED_SUBMISSION:
      'È stato compilato un campo nascosto che le persone non vedono, come fanno i programmi automatici: la valutazione non è stata registrata. Se il questionario l’ha compilato lei, controlli le risposte e lo invii di nuovo.',
    VALUTA_ERR_TOO_FAST:
      'Il modulo è stato inviato troppo in fretta per essere stato letto: attenda qualche secondo e lo invii di nuovo. Le sue risposte sono state mantenute.',
    VALUTA_ERR_INVALID_FORM_TOKEN:
      'Il modulo non è più valido (per esempio perché è stato aperto più di un giorno fa): la valutazione non è stata registrata. Controlli le risposte e lo invii di nuovo.',
    VALUTA_ERR_INVALID_COMPLETION_TOKEN:
      'Il link con cui ha aperto il questionario non è valido o è scaduto, quindi la valutazione non può essere registrata come verificata. Le sue risposte sono state mantenute: se la invia di nuovo, sarà registrata senza verifica.',
    VALUTA_ERR_COMPLETION_TOKEN_USED:
      'Il link con cui ha aperto il questionario è già stato usato per un’altra valutazione (ogni link ne consente una sola). Le sue risposte sono state mantenute: se la invia di nuovo, sarà registrata senza verifica.',
  },
  honeypotLabel: 'Lasci vuoto questo campo',
  thanksTitle: 'Valutazione inviata',
  thanksBack: 'Torna al servizio',
  notFoundTitle: 'Pagina non trovata',
  notFoundBody: 'Il questionario che cerca non esiste o non è più attivo.',
  unavailableTitle: 'Servizio momentaneamente non disponibile',
  unavailableBody:
    'Non è stato possibile registrare la valutazione. Riprovi tra qualche minuto: le sue risposte non sono andate perse se torna indietro.',
  rateLimitedTitle: 'Troppe valutazioni in poco tempo',
  rateLimitedBody:
    'Da questa connessione sono arrivate molte valutazioni in poco tempo. Riprovi tra un minuto: le sue risposte non sono andate perse se torna indietro.',
  badRequestTitle: 'Richiesta non valida',
  badRequestBody: 'La richiesta non è stata capita e non è stato registrato nulla. Riapra il questionario.',
  internalErrorTitle: 'Si è verificato un errore',
  internalErrorBody:
    'Non è stato possibile completare l’operazione e non è stato registrato nulla. Riprovi più tardi.',
  backToForm: 'Apri il questionario',
  preview: {
    title: 'Anteprima',
    banner: (family) =>
      `Anteprima della bozza di «${family}»: il modulo controlla le risposte come quello pubblico, ma non le salva né le conta.`,
    accepted:
      'Le risposte sono valide: il modulo pubblico le accetterebbe. In anteprima non vengono salvate né contate.',
  },
  privacy: {
    title: 'Informativa sulla privacy',
    intro:
      'I questionari di Valuta sono anonimi per come sono costruiti: non sappiamo chi risponde e quello che registriamo non permette di risalire a una persona.',
    sections: (k) => [
      {
        title: 'Che cosa registriamo',
        items: [
          'Le risposte alle domande a scelta.',
          'L’ora in cui la valutazione è stata inviata, arrotondata all’ora: mai i minuti né i secondi.',
          'Il tipo di dispositivo (smartphone, tablet o computer), ricavato dal browser; l’indicazione del browser (user agent) viene poi scartata.',
          'La lingua del questionario: italiano, inglese o tedesco.',
          'Il canale da cui è arrivata la valutazione: sito web, app, e-mail, codice QR o contact center.',
          'Se la compilazione è verificata, cioè se è arrivata da un link che l’ente crea alla fine della pratica: il link non contiene dati personali e vale per una sola valutazione.',
        ],
      },
      {
        title: 'Che cosa non registriamo',
        items: [
          'Il suo nome né altri dati che la identifichino: non glieli chiediamo.',
          'L’indirizzo IP: per limitare gli invii ripetuti può essere considerato in memoria, ma non viene mai salvato.',
          'Cookie: queste pagine non ne impostano.',
          'L’indicazione del browser (user agent), la pagina di provenienza né altre intestazioni della richiesta.',
          'L’ora esatta. Il modulo porta con sé, firmato, il momento in cui è stato aperto, solo per riconoscere gli invii automatici: questo momento non viene salvato.',
        ],
      },
      {
        title: 'Suggerimenti scritti',
        items: [
          'Prima di essere salvati, dai testi liberi vengono tolti i dati personali riconoscibili: codice fiscale, indirizzi e-mail, numeri di telefono, IBAN, partita IVA e numeri di carta.',
          'I testi sono conservati separatamente dalle risposte a scelta, con il solo giorno, e non possono essere ricollegati a esse.',
          `Diventano visibili all’ente a gruppi, in ordine casuale: quando per il servizio ne sono arrivati almeno ${k}, oppure il giorno successivo.`,
        ],
      },
      {
        title: 'Risultati',
        items: [
          `I risultati sono mostrati solo in forma aggregata, per gruppi di almeno ${k} ${k === 1 ? 'valutazione' : 'valutazioni'}; un gruppo più piccolo non viene mostrato.`,
          'Queste pagine non caricano nulla da siti di terzi (anche i caratteri sono serviti da Valuta) e funzionano anche senza JavaScript.',
        ],
      },
    ],
  },
  index: {
    title: 'Valuta – servizi attivi',
    lead: 'Misura della qualità percepita dei servizi pubblici digitali: questionari anonimi e comparabili.',
    services: 'Servizi attivi',
    ente: 'Ente',
    service: 'Servizio',
    kind: 'Tipo',
    results: 'Risultati',
    resultsOf: (service) => `Risultati di ${service} (JSON)`,
    apiDocs: 'Documentazione dell’API',
  },
  openData: {
    title: 'Dati aperti – soddisfazione per i servizi pubblici digitali',
    lead: 'Ogni mese chiuso, gli indicatori dei questionari di Valuta: per l’Italia, per tipo di amministrazione e per ente, con il numero di risposte e l’intervallo di confidenza al 95%. Un mese pubblicato non cambia più: una correzione è un nuovo rilascio, datato.',
    months: 'Mese',
    none: 'Nessun mese è ancora stato pubblicato.',
    monthName: (month) =>
      new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      ),
    releaseOf: (release, date) => `Rilascio ${release}, pubblicato il ${date}`,
    correctionNote: (note) => `Correzione: ${note}`,
    national: 'Italia',
    byType: 'Per tipo di amministrazione',
    byEnte: 'Per ente',
    indicator: 'Indicatore',
    paType: 'Tipo di amministrazione',
    ente: 'Ente',
    share: 'Quota positiva',
    ci: 'IC 95%',
    n: 'Risposte (n)',
    responses: 'Risposte',
    indicators: {
      satisfaction: 'Soddisfazione',
      ease: 'Facilità',
      effectiveness: 'Efficacia',
      clarity: 'Chiarezza',
    },
    indicatorsNote:
      'Ogni indicatore è la quota di risposte positive alla sua domanda (per esempio «Soddisfacente» o «Molto soddisfacente»), con n, le risposte a quella domanda.',
    withheld: 'riservato',
    withheldWhy: (k) =>
      `«riservato»: il valore non è pubblicato perché conta meno di ${k} risposte, oppure perché insieme agli altri valori mostrati permetterebbe di ricavarne uno così piccolo. Con pochi numeri si potrebbero riconoscere le persone che hanno risposto.`,
    coverage: 'Copertura rispetto agli obiettivi 2026',
    coverageAsOf: (date) => `Alla data di pubblicazione (${date}).`,
    target: 'Obiettivo',
    current: 'Raggiunto',
    activeServices: 'Servizi attivi',
    entiWithService: 'Enti con almeno un servizio attivo',
    releases: 'Rilasci',
    month: 'Mese',
    release: 'Rilascio',
    publishedAt: 'Pubblicato il',
    note: 'Nota',
    correction: 'correzione',
    files: 'File e licenza',
    csv: 'Indicatori in CSV',
    json: 'Indicatori in JSON',
    catalog: 'Scheda del catalogo (DCAT-AP_IT, JSON-LD)',
    licence: 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
    licenceText: 'I dati sono pubblicati con licenza',
  },
};
