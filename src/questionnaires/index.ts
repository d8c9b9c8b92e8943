import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import { cxConsultazioneV1 } from './cx-consultazione.v1.js';
import { cxDispositivoV1 } from './cx-dispositivo.v1.js';
import { diChiarezzaPaginaV1 } from './di-chiarezza-pagina.v1.js';
import { diValutazioneServizioV1 } from './di-valutazione-servizio.v1.js';

/** The standard questionnaire versions the platform publishes on first start. */
export const STANDARD_QUESTIONNAIRES: readonly QuestionnaireDefinition[] = [
  cxDispositivoV1,
  cxConsultazioneV1,
  diValutazioneServizioV1,
  diChiarezzaPaginaV1,
];
