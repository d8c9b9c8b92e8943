const HOUR_MS = 3_600_000;

/** The hour a response is recorded under: exact time never leaves the request. */
export function coarsenToHour(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
}

const romeDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in Italy of an instant; rollups and comments are kept per day. */
export function italianDay(instant: Date): string {
  return romeDate.format(instant);
}
