import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import { AGREEMENT, EASE, SATISFACTION, TOP_TWO_OF_FOUR } from './scales.js';

/** `cx-dispositivo` v1: transactional services (submit an application, book, pay). */
export const cxDispositivoV1: QuestionnaireDefinition = {
  family: 'cx-dispositivo',
  version: 1,
  title: { it: 'Valuta il servizio', en: 'Rate the service', de: 'Bewerten Sie den Dienst' },
  intro: {
    it: 'Il questionario è anonimo e richiede meno di un minuto.',
    en: 'The questionnaire is anonymous and takes less than a minute.',
    de: 'Der Fragebogen ist anonym und dauert weniger als eine Minute.',
  },
  closing: {
    it: 'Grazie, il suo parere ci aiuterà a migliorare il servizio.',
    en: 'Thank you, your feedback will help us improve the service.',
    de: 'Vielen Dank, Ihre Meinung hilft uns, den Dienst zu verbessern.',
  },
  items: [
    {
      code: 'SAT_OVERALL',
      type: 'scale',
      required: true,
      question: {
        it: 'Nel complesso, quanto è soddisfatto/a del servizio che ha appena utilizzato?',
        en: 'Overall, how satisfied are you with the service you have just used?',
        de: 'Wie zufrieden sind Sie insgesamt mit dem Dienst, den Sie gerade genutzt haben?',
      },
      points: SATISFACTION,
      positive: TOP_TWO_OF_FOUR,
    },
    {
      code: 'EASE',
      type: 'scale',
      required: true,
      question: {
        it: 'Quanto è stato facile utilizzare il servizio?',
        en: 'How easy was it to use the service?',
        de: 'Wie einfach war die Nutzung des Dienstes?',
      },
      points: EASE,
      positive: TOP_TWO_OF_FOUR,
    },
    {
      code: 'EFFECTIVENESS',
      type: 'single',
      required: true,
      question: {
        it: 'È riuscito/a a fare quello che doveva fare?',
        en: 'Were you able to do what you needed to do?',
        de: 'Konnten Sie erledigen, was Sie erledigen mussten?',
      },
      options: [
        {
          value: 'yes-fully',
          label: { it: 'Sì, completamente', en: 'Yes, completely', de: 'Ja, vollständig' },
        },
        { value: 'yes-partly', label: { it: 'Sì, in parte', en: 'Yes, partly', de: 'Ja, teilweise' } },
        { value: 'no', label: { it: 'No', en: 'No', de: 'Nein' } },
      ],
      positive: ['yes-fully'],
    },
    {
      code: 'INFO_CLARITY',
      type: 'scale',
      required: true,
      question: {
        it: 'Le informazioni per utilizzare il servizio erano chiare e complete?',
        en: 'Was the information on how to use the service clear and complete?',
        de: 'Waren die Informationen zur Nutzung des Dienstes klar und vollständig?',
      },
      points: AGREEMENT,
      positive: TOP_TWO_OF_FOUR,
    },
    {
      code: 'TIME',
      type: 'scale',
      required: false,
      question: {
        it: 'Il tempo necessario per completare il servizio è stato adeguato?',
        en: 'Was the time needed to complete the service reasonable?',
        de: 'War die für den Dienst benötigte Zeit angemessen?',
      },
      points: AGREEMENT,
      positive: TOP_TWO_OF_FOUR,
    },
    {
      code: 'PAIN_POINTS',
      type: 'multiple',
      required: false,
      question: {
        it: 'Dove ha incontrato le maggiori difficoltà?',
        en: 'Where did you have the most difficulty?',
        de: 'Wo hatten Sie die größten Schwierigkeiten?',
      },
      showWhen: {
        any: [
          { item: 'SAT_OVERALL', op: 'lte', value: 2 },
          { item: 'EASE', op: 'lte', value: 2 },
        ],
      },
      options: [
        {
          value: 'unclear-instructions',
          label: {
            it: 'Le indicazioni non erano chiare',
            en: 'The instructions were not clear',
            de: 'Die Hinweise waren nicht klar',
          },
        },
        {
          value: 'incomplete-instructions',
          label: {
            it: 'Le indicazioni non erano complete',
            en: 'The instructions were not complete',
            de: 'Die Hinweise waren nicht vollständig',
          },
        },
        {
          value: 'unsure-progress',
          label: {
            it: 'Non capivo se stavo procedendo correttamente',
            en: 'I could not tell whether I was proceeding correctly',
            de: 'Ich wusste nicht, ob ich richtig vorgehe',
          },
        },
        {
          value: 'spid-cie-login',
          label: {
            it: 'Accesso con SPID o CIE',
            en: 'Logging in with SPID or CIE',
            de: 'Anmeldung mit SPID oder CIE',
          },
        },
        {
          value: 'technical-problems',
          label: { it: 'Problemi tecnici', en: 'Technical problems', de: 'Technische Probleme' },
        },
        {
          value: 'too-slow',
          label: { it: 'Tempi troppo lunghi', en: 'It took too long', de: 'Es dauerte zu lange' },
        },
        { value: 'other', label: { it: 'Altro', en: 'Other', de: 'Sonstiges' } },
      ],
    },
    {
      code: 'FIRST_TIME',
      type: 'single',
      required: false,
      question: {
        it: 'È la prima volta che utilizza questo servizio online?',
        en: 'Is this the first time you have used this online service?',
        de: 'Nutzen Sie diesen Online-Dienst zum ersten Mal?',
      },
      options: [
        { value: 'yes', label: { it: 'Sì', en: 'Yes', de: 'Ja' } },
        { value: 'no', label: { it: 'No', en: 'No', de: 'Nein' } },
      ],
    },
    {
      code: 'SUGGESTIONS',
      type: 'text',
      required: false,
      question: {
        it: 'Ha suggerimenti per migliorare il servizio?',
        en: 'Do you have any suggestions to improve the service?',
        de: 'Haben Sie Vorschläge zur Verbesserung des Dienstes?',
      },
      hint: {
        it: 'Non inserisca dati personali.',
        en: 'Do not enter personal data.',
        de: 'Geben Sie keine personenbezogenen Daten ein.',
      },
      maxLength: 500,
    },
  ],
};
