import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import { CLOSING, followUps, STARS } from './designers-italia.js';

/** `di-valutazione-servizio` v1: at the end of an online procedure (C.SE.1.7). */
export const diValutazioneServizioV1: QuestionnaireDefinition = {
  family: 'di-valutazione-servizio',
  version: 1,
  title: { it: 'Valuta il servizio', en: 'Rate the service', de: 'Bewerte den Dienst' },
  closing: CLOSING,
  items: [
    {
      code: 'EASE_5',
      type: 'rating',
      required: true,
      question: {
        it: 'Quanto è stato facile usare questo servizio?',
        en: 'How easy was it to use this service?',
        de: 'Wie einfach war die Nutzung dieses Dienstes?',
      },
      points: STARS,
      positive: [4, 5],
    },
    ...followUps('EASE_5'),
  ],
};
