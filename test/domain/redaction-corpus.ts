/**
 * A deterministic corpus of Italian free-text answers for measuring redaction: sentences that embed
 * personal data of every kind in varied formats next to innocent numbers (dates, amounts, protocol
 * numbers, counts, postcodes, times, years, percentages, versions) that must survive. Each sentence
 * knows what it holds, so recall per kind and precision can be computed from the redacted text.
 */
import {
  cardNumber,
  codiceFiscale,
  digits,
  emailAddress,
  iban,
  partitaIva,
  phoneNumber,
  pick,
  seeded,
  type Choose,
} from './redaction-fixtures.js';

export type PersonalKind = 'codice-fiscale' | 'email' | 'telefono' | 'iban' | 'partita-iva' | 'carta';
export type InnocentKind =
  | 'data'
  | 'importo'
  | 'protocollo'
  | 'conteggio'
  | 'cap'
  | 'ora'
  | 'anno'
  | 'percentuale'
  | 'versione'
  | 'mese';
type SlotKind = PersonalKind | InnocentKind;

const pad2 = (n: number) => String(n).padStart(2, '0');
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const year = (c: Choose) => c.int(2015, 2026);

const PERSONAL_BUILDERS: Record<PersonalKind, (c: Choose) => string> = {
  'codice-fiscale': codiceFiscale,
  email: emailAddress,
  telefono: phoneNumber,
  iban: (c) => iban(c).formatted,
  'partita-iva': (c) => partitaIva(c).formatted,
  carta: (c) => cardNumber(c).formatted,
};

/** Numbers that are not personal data and must survive redaction, as people write them. */
export const INNOCENT_BUILDERS: Record<InnocentKind, (c: Choose) => string> = {
  data: (c) => {
    const [d, m, y] = [c.int(1, 28), c.int(1, 12), year(c)];
    return pick(c, [
      `${pad2(d)}/${pad2(m)}/${y}`,
      `${pad2(d)}.${pad2(m)}.${y}`,
      `${y}-${pad2(m)}-${pad2(d)}`,
      `${pad2(d)}-${pad2(m)}-${y}`,
      `${d}/${m}/${y}`,
      `${pad2(d)}/${pad2(m)}/${String(y).slice(2)}`,
    ]);
  },
  importo: (c) => {
    const euros = pick(c, [c.int(1, 99), c.int(100, 9999), c.int(10_000, 999_999), c.int(1, 9) * 1_000_000]);
    const cents = pad2(c.int(0, 99));
    return pick(c, [
      `€ ${thousands(euros)},${cents}`,
      `${thousands(euros)},${cents} €`,
      `${euros} euro`,
      `€ ${thousands(euros)}`,
      `${thousands(euros)} euro`,
      `0,${cents} €`,
      `EUR ${thousands(euros)},${cents}`,
    ]);
  },
  // Zero-padded protocol numbers have the shape of a landline: see the tie-break in phone-shape.ts.
  protocollo: (c) =>
    pick(c, [
      `prot. n. ${digits(c, c.int(4, 6), '123456789')}/${year(c)}`,
      `prot. n. 0${digits(c, 6)}`,
      `protocollo ${'0' + digits(c, 6)}/${year(c)}`,
      `pratica ${year(c)}/${digits(c, 6, '0')}`,
      `pratica n. 0${digits(c, c.int(6, 7))}`,
      `rif. 0${digits(c, 6)}`,
      // Without a reference word, "n. 0039010/2015" is 0039 and a Genoa number (see the next test file).
      `n. 0${digits(c, 6, '123456789')}/${year(c)}`,
      `domanda n. ${year(c)}-${digits(c, 6)}`,
    ]),
  conteggio: (c) =>
    `${c.int(1, 60)} ${pick(c, ['settimane', 'giorni', 'minuti', 'mesi', 'ore', 'volte', 'anni', 'telefonate'])}`,
  cap: (c) =>
    pick(c, [
      `00${c.int(118, 199)} Roma`,
      '20121 Milano',
      '80133 Napoli',
      '10121 Torino',
      '00042 Anzio',
      `CAP ${digits(c, 5, '0123456789')}`,
    ]),
  ora: (c) => {
    const h = c.int(7, 18);
    const [m, h2] = [pick(c, [0, 15, 30, 45]), c.int(h + 1, 20)];
    return pick(c, [
      `${pad2(h)}:${pad2(m)}`,
      `${h}.${pad2(m)}`,
      `${pad2(h)}.${pad2(m)}-${pad2(h2)}.${pad2(m)}`,
      `${pad2(h)}:${pad2(m)}-${pad2(h2)}:00`,
    ]);
  },
  anno: (c) => String(c.int(1990, 2026)),
  percentuale: (c) => pick(c, [`${c.int(1, 100)}%`, `${c.int(1, 99)},${c.int(1, 9)}%`, `${c.int(1, 100)} %`]),
  versione: (c) =>
    pick(c, [
      `versione ${c.int(1, 12)}.${c.int(0, 20)}.${c.int(0, 9)}`,
      `iOS ${c.int(14, 18)}.${c.int(0, 6)}.${c.int(1, 3)}`,
      `Android ${c.int(9, 15)}`,
      `app ${c.int(1, 5)}.${c.int(0, 40)}`,
    ]),
  mese: (c) => `${pad2(c.int(1, 12))}/${year(c)}`,
};

const BUILDERS: Record<SlotKind, (c: Choose) => string> = { ...PERSONAL_BUILDERS, ...INNOCENT_BUILDERS };

/** Sentence templates; `{kind}` is a slot. Slots are always set apart by some literal text. */
const TEMPLATES = [
  'Chiamatemi al {telefono}, sono disponibile dopo le {ora}.',
  'Ho lasciato il mio numero {telefono} ma dopo {conteggio} nessuno mi ha richiamato.',
  'Chiamatemi al {telefono}. {conteggio} di attesa sono troppe.',
  'Il mio cellulare è {telefono} e il fisso {telefono}.',
  'Numeri: {telefono} / {telefono} (ufficio).',
  'Ho prenotato il {data} per il {data}, ma il {telefono} non risponde mai.',
  'Scrivetemi a {email} oppure chiamate il {telefono}.',
  'La mia mail è {email}, ho inviato la domanda il {data}.',
  'Non ho ricevuto conferma su {email} dopo {conteggio}.',
  'Il codice fiscale {codice-fiscale} risulta errato ({protocollo}).',
  'Sono {codice-fiscale}, nato nel {anno}, residente a {cap}.',
  'Codice fiscale: {codice-fiscale}. Ho pagato {importo} il {data}.',
  "Il rimborso di {importo} non è arrivato sull'IBAN {iban}.",
  'Accredito su {iban} previsto entro il {data}, ma dopo {conteggio} nulla.',
  'IBAN {iban}, intestato a me, ISEE {importo}.',
  'La ditta con P.IVA {partita-iva} ha fatturato {importo} nel {anno}.',
  'Sono titolare della partita IVA {partita-iva} dal {anno}.',
  'Partita IVA: {partita-iva}; sede in {cap}.',
  'Mi hanno addebitato {importo} sulla carta {carta} il {data}.',
  'Ho pagato con la carta {carta} ma la ricevuta dice {importo}.',
  'Carta {carta} rifiutata {conteggio} di fila.',
  'La mia richiesta ({protocollo}) del {data} è ferma da {conteggio}.',
  'Ho ricevuto {protocollo}, poi più nulla per {conteggio}.',
  'Con {protocollo} ho chiesto un contributo di {importo}.',
  'Sportello aperto dalle {ora}, ma alle {ora} era già chiuso.',
  "L'app ({versione}) si blocca al {percentuale} del caricamento.",
  "Dopo l'aggiornamento alla {versione} il servizio è più lento del {percentuale}.",
  'Servizio pessimo: {conteggio} per un certificato richiesto nel {anno}.',
  'La scadenza era il {mese}, ho presentato la domanda il {data}.',
  'Ufficio di {cap}: aperto dalle {ora}, ho atteso {conteggio}.',
  'Nel {anno} ho pagato {importo}, nel {anno} il {percentuale} in più.',
  'Contatti: {email}, {telefono}; codice fiscale {codice-fiscale}.',
  'Per il rimborso: IBAN {iban}, P.IVA {partita-iva}, tel. {telefono}.',
  'Pagamento di {importo} con carta {carta}, ricevuta su {email}.',
  'Il {data} alle {ora} ho chiamato il {telefono} per sollecitare: {protocollo}.',
  'Grazie, tutto chiaro. Chiamatemi pure al {telefono}.',
];

const SLOT_RE = /\{([a-z-]+)\}/g;

/** A piece of a sentence: text that must stay as it is, or a slot with its kind and generated value. */
export type Piece = { readonly literal: string } | { readonly kind: SlotKind; readonly value: string };

export interface Sentence {
  readonly text: string;
  readonly pieces: readonly Piece[];
}

export const PERSONAL_KINDS: readonly PersonalKind[] = [
  'codice-fiscale',
  'email',
  'telefono',
  'iban',
  'partita-iva',
  'carta',
];

function isPersonal(kind: SlotKind): kind is PersonalKind {
  return (PERSONAL_KINDS as readonly string[]).includes(kind);
}

/** `size` sentences, the same for the same seed. */
export function generateCorpus(seed: number, size: number): Sentence[] {
  const c = seeded(seed);
  const sentences: Sentence[] = [];
  for (let n = 0; n < size; n++) {
    const template = TEMPLATES[n % TEMPLATES.length]!;
    const pieces: Piece[] = [];
    let last = 0;
    for (const m of template.matchAll(SLOT_RE)) {
      pieces.push({ literal: template.slice(last, m.index) });
      const kind = m[1] as SlotKind;
      pieces.push({ kind, value: BUILDERS[kind](c) });
      last = m.index + m[0].length;
    }
    pieces.push({ literal: template.slice(last) });
    const text = pieces.map((p) => ('literal' in p ? p.literal : p.value)).join('');
    sentences.push({ text, pieces });
  }
  return sentences;
}

const ANY_PLACEHOLDER_RE = /\[(?:codice-fiscale|email|telefono|iban|partita-iva|carta)\]/g;
const ALNUM_RE = /[\p{L}\p{N}]/u;

export interface Tally {
  total: number;
  /** Personal data: replaced by placeholders, nothing of it left. Innocent text: kept as it was. */
  right: number;
  /** Personal data only: replaced by the placeholder of its own kind. */
  labelled: number;
  failures: string[];
}

export interface Score {
  readonly personal: Record<PersonalKind, Tally>;
  readonly innocent: Record<InnocentKind, Tally>;
}

const tally = (): Tally => ({ total: 0, right: 0, labelled: 0, failures: [] });

/**
 * Scores `redact` on the corpus. The redacted sentence is walked piece by piece: each literal is
 * expected in order, and what lies between two literals is what became of the slot between them.
 */
export function scoreCorpus(sentences: readonly Sentence[], redact: (text: string) => string): Score {
  const personal = Object.fromEntries(PERSONAL_KINDS.map((k) => [k, tally()])) as Record<PersonalKind, Tally>;
  const innocent = Object.fromEntries(Object.keys(INNOCENT_BUILDERS).map((k) => [k, tally()])) as Record<
    InnocentKind,
    Tally
  >;
  for (const sentence of sentences) {
    const out = redact(sentence.text);
    const first = sentence.pieces[0] as { literal: string };
    let pos = out.startsWith(first.literal) ? first.literal.length : -1;
    for (let k = 1; k < sentence.pieces.length; k += 2) {
      const slot = sentence.pieces[k] as { kind: SlotKind; value: string };
      const next = (sentence.pieces[k + 1] as { literal: string }).literal;
      const expected = isPersonal(slot.kind) ? `[${slot.kind}]` : slot.value;
      let got: string | undefined;
      if (pos >= 0 && out.startsWith(expected + next, pos)) {
        got = expected;
        pos += expected.length + next.length;
      } else if (pos >= 0) {
        const at = next === '' ? out.length : out.indexOf(next, pos);
        got = at < 0 ? undefined : out.slice(pos, at);
        pos = at < 0 ? -1 : at + next.length;
      }
      const t = isPersonal(slot.kind) ? personal[slot.kind] : innocent[slot.kind];
      t.total++;
      const ok = isPersonal(slot.kind)
        ? got !== undefined && !ALNUM_RE.test(got.replace(ANY_PLACEHOLDER_RE, ''))
        : got === slot.value;
      if (ok) t.right++;
      if (got === expected && isPersonal(slot.kind)) t.labelled++;
      if (!ok)
        t.failures.push(
          `${JSON.stringify(slot.value)} in ${JSON.stringify(sentence.text)} → ${JSON.stringify(out)}`,
        );
    }
  }
  return { personal, innocent };
}
