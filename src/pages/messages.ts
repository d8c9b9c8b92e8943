import type { Lang } from '../domain/questionnaire.js';
import type { IndicatorCode } from '../domain/results-view.js';
import { de } from './i18n/de.js';
import { en } from './i18n/en.js';
import { it } from './i18n/it.js';

/** The errors of the form as a whole (not of one answer), by their code in the catalogue. */
export type FormErrorCode =
  | 'VALUTA_ERR_AUTOMATED_SUBMISSION'
  | 'VALUTA_ERR_TOO_FAST'
  | 'VALUTA_ERR_INVALID_FORM_TOKEN'
  | 'VALUTA_ERR_INVALID_COMPLETION_TOKEN'
  | 'VALUTA_ERR_COMPLETION_TOKEN_USED';

/** A titled part of the privacy notice: paragraphs or a list. */
export interface NoticeSection {
  readonly title: string;
  readonly items: readonly string[];
}

/** Every text of the citizen pages in one language; the compiler refuses a language missing one. */
export interface Messages {
  readonly skipToContent: string;
  readonly platform: string;
  readonly languages: string;
  readonly privacyLink: string;
  readonly anonymousNote: string;
  readonly requiredLegend: string;
  readonly required: string;
  readonly submit: string;
  readonly stepTwoNote: string;
  /** Announced when answers open a question inline (with JavaScript); the questions follow. */
  readonly questionsAdded: string;
  readonly errorSummaryTitle: string;
  readonly errorPrefix: string;
  readonly charactersLeft: (max: number) => string;
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly fallbackFieldError: string;
  readonly formErrors: Readonly<Record<FormErrorCode, string>>;
  /** The label of the honeypot field, for whoever sees it anyway. */
  readonly honeypotLabel: string;
  readonly thanksTitle: string;
  readonly thanksBack: string;
  readonly notFoundTitle: string;
  readonly notFoundBody: string;
  readonly unavailableTitle: string;
  readonly unavailableBody: string;
  readonly rateLimitedTitle: string;
  readonly rateLimitedBody: string;
  readonly badRequestTitle: string;
  readonly badRequestBody: string;
  readonly internalErrorTitle: string;
  readonly internalErrorBody: string;
  readonly backToForm: string;
  /** The draft preview of the console: the page as citizens will see it, answers never stored. */
  readonly preview: {
    readonly title: string;
    readonly banner: (family: string) => string;
    readonly accepted: string;
  };
  readonly privacy: {
    readonly title: string;
    readonly intro: string;
    /** `k`: the smallest group shown (SUPPRESSION_K). */
    readonly sections: (k: number) => readonly NoticeSection[];
  };
  readonly index: {
    readonly title: string;
    readonly lead: string;
    readonly services: string;
    readonly ente: string;
    readonly service: string;
    readonly kind: string;
    readonly results: string;
    readonly resultsOf: (service: string) => string;
    readonly apiDocs: string;
  };
  /** The open-data page (/open-data). */
  readonly openData: {
    readonly title: string;
    readonly lead: string;
    readonly months: string;
    readonly none: string;
    /** 'Novembre 2026' */
    readonly monthName: (month: string) => string;
    readonly releaseOf: (release: number, date: string) => string;
    readonly correctionNote: (note: string) => string;
    readonly national: string;
    readonly byType: string;
    readonly byEnte: string;
    readonly indicator: string;
    readonly paType: string;
    readonly ente: string;
    readonly share: string;
    readonly ci: string;
    readonly n: string;
    readonly responses: string;
    readonly indicators: Readonly<Record<IndicatorCode, string>>;
    readonly indicatorsNote: string;
    readonly withheld: string;
    /** Why a value is shown as `withheld` (`k`: SUPPRESSION_K). */
    readonly withheldWhy: (k: number) => string;
    readonly coverage: string;
    readonly coverageAsOf: (date: string) => string;
    readonly target: string;
    readonly current: string;
    readonly activeServices: string;
    readonly entiWithService: string;
    readonly releases: string;
    readonly month: string;
    readonly release: string;
    readonly publishedAt: string;
    readonly note: string;
    readonly correction: string;
    readonly files: string;
    readonly csv: string;
    readonly json: string;
    readonly catalog: string;
    readonly licence: string;
    readonly licenceText: string;
  };
}

const MESSAGES: Readonly<Record<Lang, Messages>> = { it, en, de };

/** The texts of the citizen pages in `lang`. */
export const messagesFor = (lang: Lang): Messages => MESSAGES[lang];
