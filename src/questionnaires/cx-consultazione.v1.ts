import type { Item, QuestionnaireDefinition } from '../domain/questionnaire.js';
import { cxDispositivoV1 } from './cx-dispositivo.v1.js';

/** `cx-consultazione` v1: informational services. Same as `cx-dispositivo` v1 but two items. */
const overrides: Readonly<Record<string, Item>> = {
  EFFECTIVENESS: {
    code: 'EFFECTIVENESS',
    type: 'single',
    required: true,
    question: {
      it: 'Ha trovato le informazioni che cercava?',
      en: 'Did you find the information you were looking for?',
      de: 'Haben Sie die gesuchten Informationen gefunden?',
    },
    options: [
      { value: 'yes-fully', label: { it: 'Sì, tutte', en: 'Yes, all of it', de: 'Ja, alle' } },
      { value: 'yes-partly', label: { it: 'Sì, in parte', en: 'Yes, partly', de: 'Ja, teilweise' } },
      { value: 'no', label: { it: 'No', en: 'No', de: 'Nein' } },
    ],
    positive: ['yes-fully'],
  },
  TIME: {
    code: 'INFO_FRESHNESS',
    type: 'scale',
    required: false,
    question: {
      it: 'Le informazioni erano aggiornate?',
      en: 'Was the information up to date?',
      de: 'Waren die Informationen aktuell?',
    },
    points: (cxDispositivoV1.items.find((i) => i.code === 'TIME') as Extract<Item, { type: 'scale' }>).points,
    positive: [3, 4],
  },
};

export const cxConsultazioneV1: QuestionnaireDefinition = {
  ...cxDispositivoV1,
  family: 'cx-consultazione',
  items: cxDispositivoV1.items.map((item) => overrides[item.code] ?? item),
};
