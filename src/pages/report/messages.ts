/**
 * The words of the monthly report, in Italian (the ente's report): the console's terms, so that a
 * figure reads the same in both ("riservato" for a withheld count, "IC 95%", "punti percentuali").
 */
import type { IndicatorCode } from '../../domain/results-view.js';

export const INDICATOR_NAMES: Readonly<Record<IndicatorCode, string>> = {
  satisfaction: 'Soddisfazione',
  ease: 'Facilità d’uso',
  effectiveness: 'Efficacia',
  clarity: 'Chiarezza',
};

export const m = {
  title: (service: string, month: string) => `Rapporto mensile: ${service}, ${month}`,
  heading: 'Rapporto mensile',
  printHint:
    'Per stampare il rapporto o salvarlo in PDF usi il comando Stampa del browser (Ctrl+P, o ⌘+P su Mac): è impaginato per fogli A4.',
  facts: 'Dati del rapporto',
  ente: 'Ente',
  service: 'Servizio',
  month: 'Mese',
  generated: 'Generato il',
  disclosure: 'Controllo della divulgazione',
  disclosureOn: (k: number) => `sì: i conteggi sotto ${k} risposte sono riservati`,
  disclosureOff: 'no: ufficio centrale, tutti i conteggi sono mostrati',
  withheld: 'riservato',
  none: '—',
  ci: 'IC 95%',

  headlineTitle: 'In sintesi',
  responses: (n: string) => `Risposte nel mese: ${n}.`,
  headlineN: (positive: string, n: string, item: string) =>
    `${positive} risposte positive su ${n} alla domanda ${item}`,
  headlineWithheld: (item: string) =>
    `La quota è riservata: una delle risposte alla domanda ${item} su cui si calcola riguarda troppo poche persone.`,
  headlineNone: 'Nessuna risposta alla domanda nel mese.',
  noIndicators: 'Nessun indicatore per questo servizio nel mese.',
  change: (points: string, against: string, p: string, significant: boolean) =>
    `${points} punti percentuali rispetto a ${against} (${p}): ${
      significant
        ? 'la variazione è significativa al 5%.'
        : 'la variazione non è significativa al 5%, può essere dovuta al caso.'
    }`,
  noChange: (against: string) =>
    `Nessun confronto con ${against}: in uno dei due mesi le risposte sono meno di quelle necessarie, o riservate.`,
  indicatorsCaption: (month: string) => `Gli indicatori di ${month}`,
  indicator: 'Indicatore',
  item: 'Domanda',
  share: 'Quota',
  nColumn: 'n',
  changeColumn: (against: string) => `Variazione rispetto a ${against}`,
  significantYes: 'significativa',
  significantNo: 'non significativa',
  noComparison: 'nessun confronto',
  changeCell: (points: string, p: string, significant: boolean) =>
    `${points} punti (${p}), ${significant ? 'significativa' : 'non significativa'}`,

  trendTitle: 'Andamento degli ultimi 12 mesi',
  trendFigure: (indicator: string) => `${indicator} per mese, con l’intervallo di confidenza al 95%`,
  trendScope: (service: string, from: string, to: string) =>
    from === to ? `${service} · ${to}` : `${service} · da ${from} a ${to}`,
  trendDesc: (indicator: string, points: string) =>
    `Grafico a linee della quota di ${indicator.toLowerCase()} per mese, con l’area dell’intervallo di confidenza al 95%. ${points}.`,
  trendPoint: (month: string, value: string) => `${month}: ${value}`,
  trendLegendBand: 'area grigia: intervallo di confidenza al 95%',
  trendLegendPoint: 'punto: quota del mese',
  trendWithheldLegend: '«riservato» sotto un mese: la quota di quel mese non è mostrata',
  trendCaption: (indicator: string, scope: string) => `${indicator} per mese — ${scope}`,
  responsesColumn: 'Risposte',
  noTrend: 'Nessun mese chiuso da mostrare.',

  rateTitle: 'Tasso di risposta',
  openings: 'Aperture del questionario',
  rate: 'Tasso di risposta',
  rateValue: (share: string, ci: string) => `${share} (IC 95% ${ci})`,
  openingsNotCounted: 'Le aperture non sono contate sui canali di questo servizio: nessun tasso di risposta.',
  rateBelowK: (k: number) => `non calcolato (meno di ${k} aperture)`,

  benchmarkTitle: 'Il servizio rispetto ai servizi simili',
  benchmarkFigure: 'Confronto con i servizi simili',
  benchmarkScope: (service: string, month: string) => `${service} · ${month}`,
  benchmarkDesc: (rows: string) =>
    `Per ogni indicatore, l’intervallo dal 1º al 3º quartile dei servizi simili (rettangolo tratteggiato) con la mediana (linea nera), e il servizio (rombo) con il suo intervallo di confidenza al 95%. ${rows}.`,
  benchmarkRow: (indicator: string, you: string, median: string, q1: string, q3: string) =>
    `${indicator}: il servizio ${you}, mediana dei servizi simili ${median}, metà di loro tra ${q1} e ${q3}`,
  benchmarkYou: (value: string) => `servizio ${value}`,
  benchmarkMedian: (value: string) => `mediana ${value}`,
  benchmarkLegendBox: 'servizi simili, dal 1º al 3º quartile',
  benchmarkLegendMedian: 'mediana dei servizi simili',
  benchmarkLegendYou: 'il servizio, con l’IC 95%',
  benchmarkSentence: (indicator: string, peers: number, percentile: string | null, you: string) =>
    `${indicator}: ${peers === 1 ? '1 servizio simile' : `${peers} servizi simili`}${
      percentile === null
        ? ''
        : `; il servizio (${you}) ha un valore più alto di ${percentile} servizi simili su 100`
    }.`,
  benchmarkWithheld: (indicator: string) =>
    `${indicator}: la quota del servizio è riservata, quindi non è confrontata.`,
  benchmarkNoPeers: (indicator: string) =>
    `${indicator}: non ci sono abbastanza servizi simili (stesso tipo e questionario, con dati sufficienti) per un confronto.`,
  benchmarkNone:
    'Non ci sono abbastanza servizi simili (stesso tipo e questionario, con dati sufficienti) per un confronto.',
  benchmarkCaption: (scope: string) => `Confronto con i servizi simili — ${scope}`,
  peers: 'Servizi simili',
  q1: '1º quartile',
  median: 'Mediana',
  q3: '3º quartile',
  percentile: 'Percentile',
  againstPeers: 'Differenza dalla quota complessiva dei simili',
  yourService: 'Il servizio',
  peersDefinition:
    'Servizi simili: i servizi attivi dello stesso tipo e con lo stesso questionario di altri enti, ciascuno con almeno k risposte all’indicatore nel mese.',

  itemsTitle: 'Risposte per domanda',
  itemHeading: (code: string, question: string) => `${code} — ${question}`,
  itemN: (n: string) => `Risposte alla domanda: ${n}.`,
  itemFigure: (code: string) => `Risposte per opzione alla domanda ${code}`,
  itemDesc: (bars: string) =>
    `Grafico a barre orizzontali: per ogni opzione, le risposte e la quota. ${bars}.`,
  itemBar: (label: string, value: string) => `${label}: ${value}`,
  itemCaption: (code: string, scope: string) => `Risposte alla domanda ${code} — ${scope}`,
  answer: 'Risposta',
  countAndShare: (n: string, share: string) => `${n} (${share})`,
  mean: (value: string, ci: string) => `Media: ${value} (IC 95% ${ci}).`,
  meanWithheld: 'Media non mostrata: una delle risposte è riservata, o le risposte sono meno di 2.',
  positive: (share: string, ci: string) => `Risposte positive: ${share} (IC 95% ${ci}).`,
  multipleNote:
    'Più risposte possibili: le quote sono sulle persone che hanno risposto e non sommano a 100%.',
  textItems: 'Domande a testo libero',
  textNote:
    'I testi liberi non sono riportati per intero: contengono parole dei cittadini. Qui sotto ne sono riassunti i temi; i suggerimenti si leggono nella console, con le cautele di riservatezza.',
  noItems: 'Nessuna domanda con risposte da mostrare.',

  themesTitle: 'Temi dei suggerimenti',
  themesTotal: (n: string) => `Suggerimenti nel mese: ${n}.`,
  themesIntro:
    'Le parole e le coppie di parole che ricorrono in almeno due suggerimenti (senza le parole comuni, riconducendo le forme di una parola alla stessa radice), contate una volta per suggerimento. I testi sono quelli già privati dei dati personali.',
  themesWithheld: (k: number) =>
    `I temi sono riservati: i suggerimenti del mese sono meno di ${k}, o il loro numero permetterebbe di ricavare un altro dato riservato.`,
  themesNone: 'Nessun tema ricorrente: nessuna parola compare in almeno due suggerimenti.',
  termsCaption: (scope: string) => `Parole più frequenti — ${scope}`,
  bigramsCaption: (scope: string) => `Coppie di parole più frequenti — ${scope}`,
  theme: 'Tema',
  suggestionsColumn: 'Suggerimenti',
  example: 'Un esempio',
  quoted: (text: string) => `«${text}»`,

  howTitle: 'Come leggere questi dati',
  howCi:
    'Intervallo di confidenza al 95% (IC 95%). Le risposte sono un campione di chi ha usato il servizio: la quota vera sta, con confidenza del 95%, tra i due estremi. Più risposte ci sono, più l’intervallo è stretto. Per le quote è l’intervallo di Wilson, per le medie quello della t di Student.',
  howWithheld: (k: number | null) =>
    `«Riservato» non è uno zero. Un conteggio è riservato quando riguarda ${
      k === null ? 'poche' : `meno di ${k}`
    } risposte, perché chi conosce il servizio potrebbe riconoscere le persone; oppure quando, insieme ai totali e agli altri dati mostrati, permetterebbe di ricavare un conteggio così riservato. Anche una quota calcolata da un conteggio riservato è riservata.`,
  howWithheldCentral:
    'Questo rapporto è dell’ufficio centrale, che vede tutti i conteggi: nella versione dell’ente alcuni possono essere riservati.',
  howChange:
    'Variazione significativa. La variazione rispetto al mese precedente si misura in punti percentuali ed è verificata con un test sulla differenza tra due proporzioni: è «significativa al 5%» quando una differenza così grande avrebbe meno del 5% di probabilità di venire dal solo caso (p < 0,05). Una variazione non significativa può essere dovuta al caso.',
  howRate:
    'Tasso di risposta. Sono le risposte arrivate dai canali che contano le aperture (la pagina del questionario e il widget sul sito dell’ente) divise per le volte in cui il questionario è stato aperto. Le risposte inviate da altri sistemi non entrano nel conto.',
  howBenchmark:
    'Servizi simili. La mediana è il valore di mezzo dei servizi simili; metà di loro sta tra il 1º e il 3º quartile. Il percentile dice quanti servizi simili su 100 hanno un valore più basso.',
  howPeriods:
    'Il mese è chiuso: i suoi dati non cambiano più. I dati sono gli stessi della console e dell’API dei risultati.',

  footer: 'Valuta — piattaforma per la misura della soddisfazione dei servizi pubblici digitali.',
} as const;
