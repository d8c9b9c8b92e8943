import { randomUUID } from 'node:crypto';
import { shownItems } from '../domain/conditions.js';
import type { AnswerValue, Lang, QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Channel, Submission } from '../domain/response.js';
import type { DemoProfile } from './pilot.js';

/** A seeded pseudo-random generator (mulberry32), so the demo data set is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `weighted`'s values, drawn with `random` in proportion to its weight. */
export function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

const clamp = (v: number) => Math.min(4, Math.max(1, v));
const near = (random: () => number, level: number) =>
  clamp(
    level +
      pick(random, [
        [-1, 0.18],
        [0, 0.64],
        [1, 0.18],
      ]),
  );

const USER_AGENTS = {
  mobile: [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  ],
  desktop: [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  ],
  tablet: [
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ],
} as const;

const SUGGESTIONS_POSITIVE = [
  'Tutto chiaro e veloce, grazie.',
  'Servizio comodo, evita di andare allo sportello.',
  'Sarebbe utile ricevere una notifica quando la pratica cambia stato.',
  'Bene, ma il pulsante per scaricare la ricevuta è poco visibile.',
  'Ottimo, finalmente un servizio che funziona anche dal telefono.',
];
const SUGGESTIONS_NEGATIVE = [
  "L'accesso con SPID si è interrotto due volte prima di riuscire a entrare.",
  'Le istruzioni non spiegano quali documenti servono prima di iniziare.',
  'Il modulo perde i dati se si torna indietro di una pagina.',
  'Troppi passaggi, non si capisce a che punto si è arrivati.',
  'Dal cellulare la pagina non si legge bene.',
  'Nessuna conferma via e-mail alla fine della domanda.',
];
/** Suggestions with personal data, as real respondents sometimes write: redaction removes it. */
const SUGGESTIONS_PERSONAL = [
  'Ho scritto più volte a mario.rossi@example.it senza risposta, richiamatemi al 333 123 4567.',
  'Il mio codice fiscale RSSMRA85T10A562S risulta errato nel sistema.',
  "Il rimborso non è arrivato sull'IBAN IT60 X054 2811 1010 0000 0123 456, contattatemi al +39 06 1234 5678.",
  'Scrivetemi a giulia.bianchi@example.com per la pratica, grazie.',
];

export interface SyntheticResponse {
  readonly submission: Submission;
  readonly receivedAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * One plausible response of a demo service: answers that hang together (a dissatisfied
 * respondent finds the service harder and names pain points), a time in the last 365 days
 * weighted to working days and hours, a device, a language and a channel.
 */
export function syntheticResponse(
  definition: QuestionnaireDefinition,
  profile: DemoProfile,
  now: Date,
  random: () => number,
): SyntheticResponse {
  const daysAgo = Math.floor(random() * 365);
  const day = new Date(now.getTime() - daysAgo * DAY_MS);
  const weekday = day.getUTCDay();
  if ((weekday === 0 || weekday === 6) && random() < 0.55)
    return syntheticResponse(definition, profile, now, random);
  const hour = pick(random, [
    [7, 1],
    [9, 4],
    [11, 5],
    [13, 3],
    [15, 4],
    [17, 3],
    [19, 2],
    [21, 1],
  ] as const);
  const at = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
    hour,
    Math.floor(random() * 120),
  );
  // Today's responses cannot come from later today.
  const receivedAt = new Date(Math.min(at, now.getTime()));

  // Services improve a little over the year: recent respondents are slightly happier.
  const recency = 1 - daysAgo / 365;
  let satisfaction = pick(
    random,
    profile.satisfaction.map((p, i) => [i + 1, p] as const),
  );
  if (satisfaction < 4 && random() < 0.12 * recency) satisfaction += 1;
  const ease = near(random, satisfaction);
  const draft: Record<string, AnswerValue> = {
    SAT_OVERALL: satisfaction,
    EASE: ease,
    EFFECTIVENESS: pick(
      random,
      satisfaction >= 3
        ? [
            ['yes-fully', 0.75],
            ['yes-partly', 0.22],
            ['no', 0.03],
          ]
        : satisfaction === 2
          ? [
              ['yes-fully', 0.3],
              ['yes-partly', 0.5],
              ['no', 0.2],
            ]
          : [
              ['yes-fully', 0.1],
              ['yes-partly', 0.4],
              ['no', 0.5],
            ],
    ),
    INFO_CLARITY: near(random, satisfaction),
  };
  if (random() < 0.85) draft.TIME = near(random, satisfaction);
  if (random() < 0.85) draft.INFO_FRESHNESS = near(random, satisfaction);
  if (random() < 0.7) {
    const pains = [
      'unclear-instructions',
      'incomplete-instructions',
      'unsure-progress',
      'spid-cie-login',
      'technical-problems',
      'too-slow',
      'other',
    ];
    draft.PAIN_POINTS = pains.filter((_, i) => random() < (i === 3 || i === 4 ? 0.35 : 0.2));
  }
  // The Designers Italia families: five stars, then what went wrong or well.
  const stars = satisfaction === 1 ? (random() < 0.5 ? 1 : 2) : satisfaction + 1;
  draft.EASE_5 = stars;
  draft.CLARITY_5 = Math.min(
    5,
    Math.max(
      1,
      stars +
        pick(random, [
          [-1, 0.15],
          [0, 0.7],
          [1, 0.15],
        ] as const),
    ),
  );
  if (random() < 0.75) {
    draft.DIFFICULTIES = pick(random, [
      ['unclear-instructions', 3],
      ['incomplete-instructions', 3],
      ['unsure-progress', 2],
      ['technical-problems', 2],
      ['other', 1],
    ] as const);
    draft.PREFERRED = pick(random, [
      ['clear-instructions', 4],
      ['complete-instructions', 2],
      ['sure-progress', 2],
      ['no-technical-problems', 2],
      ['other', 1],
    ] as const);
  }
  if (random() < 0.6) draft.FIRST_TIME = random() < 0.35 ? 'yes' : 'no';
  if (random() < (satisfaction <= 2 ? 0.3 : 0.12)) {
    const bank =
      random() < 0.08
        ? SUGGESTIONS_PERSONAL
        : satisfaction <= 2
          ? SUGGESTIONS_NEGATIVE
          : SUGGESTIONS_POSITIVE;
    draft.SUGGESTIONS = bank[Math.floor(random() * bank.length)]!;
    draft.DETAILS = draft.SUGGESTIONS.slice(0, 200);
  }
  const answers: Record<string, AnswerValue> = {};
  for (const item of shownItems(definition.items, draft)) {
    const value = draft[item.code];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) answers[item.code] = value;
  }

  const channel = pick(random, Object.entries(profile.channels) as [Channel, number][]);
  const device =
    channel === 'app'
      ? 'mobile'
      : pick(random, [
          ['mobile', 0.55],
          ['desktop', 0.4],
          ['tablet', 0.05],
        ] as const);
  const agents = USER_AGENTS[device];
  const lang: Lang = pick(random, [
    ['it', 0.95],
    ['en', 0.035],
    ['de', 0.015],
  ] as const);
  return {
    submission: {
      submissionId: randomUUID(),
      answers,
      channel,
      lang,
      userAgent: agents[Math.floor(random() * agents.length)],
    },
    receivedAt,
  };
}
