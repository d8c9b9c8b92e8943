import type { ChoiceOption, Item, ScalePoint } from '../domain/questionnaire.js';

/**
 * What the two Designers Italia families share (the rating of the municipal site model,
 * criteria C.SE.1.7, C.SI.2.5, C.SI.2.6). The Italian texts are the standard's, word for word:
 * AgID's validator checks them.
 */

export const STARS: readonly ScalePoint[] = [1, 2, 3, 4, 5].map((value) => ({
  value,
  label: {
    it: value === 1 ? '1 stella su 5' : `${value} stelle su 5`,
    en: value === 1 ? '1 star out of 5' : `${value} stars out of 5`,
    de: value === 1 ? '1 Stern von 5' : `${value} Sterne von 5`,
  },
}));

const DIFFICULTIES: readonly ChoiceOption[] = [
  {
    value: 'unclear-instructions',
    label: {
      it: 'A volte le indicazioni non erano chiare',
      en: 'Sometimes the instructions were not clear',
      de: 'Manchmal waren die Hinweise nicht klar',
    },
  },
  {
    value: 'incomplete-instructions',
    label: {
      it: 'A volte le indicazioni non erano complete',
      en: 'Sometimes the instructions were not complete',
      de: 'Manchmal waren die Hinweise nicht vollständig',
    },
  },
  {
    value: 'unsure-progress',
    label: {
      it: 'A volte non capivo se stavo procedendo correttamente',
      en: 'Sometimes I could not tell whether I was proceeding correctly',
      de: 'Manchmal wusste ich nicht, ob ich richtig vorgehe',
    },
  },
  {
    value: 'technical-problems',
    label: {
      it: 'Ho avuto problemi tecnici',
      en: 'I had technical problems',
      de: 'Ich hatte technische Probleme',
    },
  },
  { value: 'other', label: { it: 'Altro', en: 'Other', de: 'Sonstiges' } },
];

const PREFERRED: readonly ChoiceOption[] = [
  {
    value: 'clear-instructions',
    label: {
      it: 'Le indicazioni erano chiare',
      en: 'The instructions were clear',
      de: 'Die Hinweise waren klar',
    },
  },
  {
    value: 'complete-instructions',
    label: {
      it: 'Le indicazioni erano complete',
      en: 'The instructions were complete',
      de: 'Die Hinweise waren vollständig',
    },
  },
  {
    value: 'sure-progress',
    label: {
      it: 'Capivo sempre che stavo procedendo correttamente',
      en: 'I always knew I was proceeding correctly',
      de: 'Ich wusste immer, dass ich richtig vorgehe',
    },
  },
  {
    value: 'no-technical-problems',
    label: {
      it: 'Non ho avuto problemi tecnici',
      en: 'I had no technical problems',
      de: 'Ich hatte keine technischen Probleme',
    },
  },
  { value: 'other', label: { it: 'Altro', en: 'Other', de: 'Sonstiges' } },
];

/** The family's items after its first question, the rating `first` (negative 1–3, positive 4–5). */
export function followUps(first: string): Item[] {
  return [
    {
      code: 'DIFFICULTIES',
      type: 'single',
      required: false,
      question: {
        it: 'Dove hai incontrato le maggiori difficoltà?',
        en: 'Where did you have the most difficulty?',
        de: 'Wo hattest du die größten Schwierigkeiten?',
      },
      showWhen: { item: first, op: 'lte', value: 3 },
      options: DIFFICULTIES,
    },
    {
      code: 'PREFERRED',
      type: 'single',
      required: false,
      question: {
        it: 'Quali sono stati gli aspetti che hai preferito?',
        en: 'What did you like best?',
        de: 'Was hat dir am besten gefallen?',
      },
      showWhen: { item: first, op: 'gte', value: 4 },
      options: PREFERRED,
    },
    {
      code: 'DETAILS',
      type: 'text',
      required: false,
      question: {
        it: 'Vuoi aggiungere altri dettagli?',
        en: 'Would you like to add any details?',
        de: 'Möchtest du weitere Details hinzufügen?',
      },
      hint: {
        it: 'Non inserire dati personali.',
        en: 'Do not enter personal data.',
        de: 'Gib keine personenbezogenen Daten ein.',
      },
      maxLength: 200,
    },
  ];
}

export const CLOSING = {
  it: 'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
  en: 'Thank you, your feedback will help us improve the service!',
  de: 'Danke, deine Meinung hilft uns, den Dienst zu verbessern!',
} as const;
