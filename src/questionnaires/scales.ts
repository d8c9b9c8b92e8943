import type { ScalePoint } from '../domain/questionnaire.js';

/** The national satisfaction scale, four points with no neutral midpoint. */
export const SATISFACTION: readonly ScalePoint[] = [
  { value: 1, label: { it: 'Non soddisfacente', en: 'Not satisfactory', de: 'Nicht zufriedenstellend' } },
  {
    value: 2,
    label: { it: 'Poco soddisfacente', en: 'Slightly satisfactory', de: 'Wenig zufriedenstellend' },
  },
  { value: 3, label: { it: 'Soddisfacente', en: 'Satisfactory', de: 'Zufriedenstellend' } },
  { value: 4, label: { it: 'Molto soddisfacente', en: 'Very satisfactory', de: 'Sehr zufriedenstellend' } },
];

export const EASE: readonly ScalePoint[] = [
  { value: 1, label: { it: 'Per niente facile', en: 'Not at all easy', de: 'Überhaupt nicht einfach' } },
  { value: 2, label: { it: 'Poco facile', en: 'Slightly easy', de: 'Wenig einfach' } },
  { value: 3, label: { it: 'Abbastanza facile', en: 'Fairly easy', de: 'Ziemlich einfach' } },
  { value: 4, label: { it: 'Molto facile', en: 'Very easy', de: 'Sehr einfach' } },
];

export const AGREEMENT: readonly ScalePoint[] = [
  { value: 1, label: { it: 'Per niente', en: 'Not at all', de: 'Überhaupt nicht' } },
  { value: 2, label: { it: 'Poco', en: 'A little', de: 'Wenig' } },
  { value: 3, label: { it: 'Abbastanza', en: 'Fairly', de: 'Ziemlich' } },
  { value: 4, label: { it: 'Molto', en: 'Very', de: 'Sehr' } },
];

/** Top-2-box of every four-point scale. */
export const TOP_TWO_OF_FOUR = [3, 4] as const;
