import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import { CLOSING, followUps, STARS } from './designers-italia.js';

/** `di-chiarezza-pagina` v1: on informational and service pages (C.SI.2.5, C.SI.2.6). */
export const diChiarezzaPaginaV1: QuestionnaireDefinition = {
  family: 'di-chiarezza-pagina',
  version: 1,
  title: { it: 'Valuta la pagina', en: 'Rate this page', de: 'Bewerte diese Seite' },
  closing: CLOSING,
  items: [
    {
      code: 'CLARITY_5',
      type: 'rating',
      required: true,
      question: {
        it: 'Quanto sono chiare le informazioni su questa pagina?',
        en: 'How clear is the information on this page?',
        de: 'Wie klar sind die Informationen auf dieser Seite?',
      },
      points: STARS,
      positive: [4, 5],
    },
    ...followUps('CLARITY_5'),
  ],
};
