import type { Messages } from '../messages.js';

/** English. */
export const en: Messages = {
  skipToContent: 'Skip to content',
  platform: 'Valuta — the quality of digital public services',
  languages: 'Language',
  privacyLink: 'Privacy notice',
  anonymousNote:
    'The questionnaire is anonymous: we do not ask who you are and we do not record your IP address, cookies or device identifiers.',
  requiredLegend: 'Questions marked with * are required.',
  required: 'required',
  submit: 'Send your rating',
  stepTwoNote: 'Thank you. Based on your answers, we would also like to ask:',
  questionsAdded: 'Based on your answers, a question has been added further on:',
  errorSummaryTitle: 'Some answers need correcting',
  errorPrefix: 'Error:',
  charactersLeft: (max) => `At most ${max} characters.`,
  fieldErrors: {
    required: 'Answer this question.',
    'invalid-value': 'Choose one of the answers offered.',
    'invalid-option': 'Choose among the answers offered.',
    'too-long': 'The text is too long: shorten it.',
    'not-shown': 'This question does not apply to your answers.',
    'unknown-item': 'This question is not part of the questionnaire.',
  },
  fallbackFieldError: 'The answer is not valid.',
  formErrors: {
    VALUTA_ERR_AUTOMATED_SUBMISSION:
      'A hidden field that people do not see was filled in, as automated programs do: the rating was not recorded. If you filled in the questionnaire yourself, check your answers and send it again.',
    VALUTA_ERR_TOO_FAST:
      'The form was sent too quickly to have been read: wait a few seconds and send it again. Your answers have been kept.',
    VALUTA_ERR_INVALID_FORM_TOKEN:
      'The form is no longer valid (for example because it was opened more than a day ago): the rating was not recorded. Check your answers and send it again.',
    VALUTA_ERR_INVALID_COMPLETION_TOKEN:
      'The link you opened the questionnaire with is not valid or has expired, so the rating cannot be recorded as verified. Your answers have been kept: if you send it again, it will be recorded without verification.',
    VALUTA_ERR_COMPLETION_TOKEN_USED:
      'The link you opened the questionnaire with has already been used for another rating (each link allows only one). Your answers have been kept: if you send it again, it will be recorded without verification.',
  },
  honeypotLabel: 'Leave this field empty',
  thanksTitle: 'Rating sent',
  thanksBack: 'Back to the service',
  notFoundTitle: 'Page not found',
  notFoundBody: 'The questionnaire you are looking for does not exist or is no longer active.',
  unavailableTitle: 'Service temporarily unavailable',
  unavailableBody:
    'Your rating could not be recorded. Try again in a few minutes: your answers are not lost if you go back.',
  rateLimitedTitle: 'Too many ratings in a short time',
  rateLimitedBody:
    'Many ratings have come from this connection in a short time. Try again in a minute: your answers are not lost if you go back.',
  badRequestTitle: 'Invalid request',
  badRequestBody: 'The request was not understood and nothing was recorded. Open the questionnaire again.',
  internalErrorTitle: 'An error occurred',
  internalErrorBody: 'The operation could not be completed and nothing was recorded. Try again later.',
  backToForm: 'Open the questionnaire',
  preview: {
    title: 'Preview',
    banner: (family) =>
      `Preview of the draft of “${family}”: the form checks the answers as the public one does, but neither stores nor counts them.`,
    accepted:
      'The answers are valid: the public form would accept them. In a preview they are neither stored nor counted.',
  },
  privacy: {
    title: 'Privacy notice',
    intro:
      'Valuta questionnaires are anonymous by construction: we do not know who answers, and what we record cannot be traced back to a person.',
    sections: (k) => [
      {
        title: 'What we record',
        items: [
          'Your answers to the multiple-choice questions.',
          'The hour at which the rating was sent, rounded down to the hour: never the minutes or seconds.',
          'The kind of device (smartphone, tablet or computer), derived from your browser; the browser identification (user agent) is then discarded.',
          'The language of the questionnaire: Italian, English or German.',
          'The channel the rating came through: website, app, e-mail, QR code or contact centre.',
          'Whether the completion is verified, that is whether it came through a link the administration creates at the end of the procedure: the link holds no personal data and is valid for one rating only.',
        ],
      },
      {
        title: 'What we do not record',
        items: [
          'Your name or any other data that identifies you: we do not ask for them.',
          'Your IP address: it may be considered in memory to limit repeated submissions, but it is never stored.',
          'Cookies: these pages set none.',
          'The browser identification (user agent), the page you came from or any other request header.',
          'The exact time. The form carries, signed, the moment it was opened, only to recognise automated submissions: that moment is not stored.',
        ],
      },
      {
        title: 'Written suggestions',
        items: [
          'Before they are stored, recognisable personal data are removed from free texts: tax codes (codice fiscale), e-mail addresses, phone numbers, IBANs, VAT numbers and card numbers.',
          'The texts are kept apart from the multiple-choice answers, with the day only, and cannot be linked back to them.',
          `They become visible to the administration in batches, in random order: once at least ${k} have arrived for the service, or on the next day.`,
        ],
      },
      {
        title: 'Results',
        items: [
          `Results are only shown aggregated, for groups of at least ${k} ${k === 1 ? 'rating' : 'ratings'}; a smaller group is not shown.`,
          'These pages load nothing from third-party sites (even the fonts are served by Valuta) and also work without JavaScript.',
        ],
      },
    ],
  },
  index: {
    title: 'Valuta – active services',
    lead: 'Measuring the perceived quality of digital public services: anonymous, comparable questionnaires.',
    services: 'Active services',
    ente: 'Administration',
    service: 'Service',
    kind: 'Kind',
    results: 'Results',
    resultsOf: (service) => `Results of ${service} (JSON)`,
    apiDocs: 'API documentation',
  },
  openData: {
    title: 'Open data – satisfaction with digital public services',
    lead: 'For every closed month, the indicators of the Valuta questionnaires: for Italy, by type of administration and by administration, with the number of responses and the 95% confidence interval. A published month never changes: a correction is a new, dated release.',
    months: 'Month',
    none: 'No month has been published yet.',
    monthName: (month) =>
      new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      ),
    releaseOf: (release, date) => `Release ${release}, published on ${date}`,
    correctionNote: (note) => `Correction: ${note}`,
    national: 'Italy',
    byType: 'By type of administration',
    byEnte: 'By administration',
    indicator: 'Indicator',
    paType: 'Type of administration',
    ente: 'Administration',
    share: 'Positive share',
    ci: '95% CI',
    n: 'Responses (n)',
    responses: 'Responses',
    indicators: {
      satisfaction: 'Satisfaction',
      ease: 'Ease',
      effectiveness: 'Effectiveness',
      clarity: 'Clarity',
    },
    indicatorsNote:
      'Each indicator is the share of positive answers to its question (for example “Satisfactory” or “Very satisfactory”), with n, the answers to that question.',
    withheld: 'withheld',
    withheldWhy: (k) =>
      `“withheld”: the value is not published because it counts fewer than ${k} responses, or because together with the other values shown it would give away one that small. Small numbers could let the people who answered be recognised.`,
    coverage: 'Coverage against the 2026 targets',
    coverageAsOf: (date) => `As of publication (${date}).`,
    target: 'Target',
    current: 'Reached',
    activeServices: 'Active services',
    entiWithService: 'Administrations with at least one active service',
    releases: 'Releases',
    month: 'Month',
    release: 'Release',
    publishedAt: 'Published on',
    note: 'Note',
    correction: 'correction',
    files: 'Files and licence',
    csv: 'Indicators as CSV',
    json: 'Indicators as JSON',
    catalog: 'Catalogue record (DCAT-AP_IT, JSON-LD)',
    licence: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
    licenceText: 'The data are published under the licence',
  },
};
