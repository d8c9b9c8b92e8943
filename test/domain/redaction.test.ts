import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { redactPersonalData } from '../../src/domain/privacy/redaction.js';
import { isLuhnValid, isValidCodiceFiscale, isValidPartitaIva } from '../../src/domain/privacy/checksums.js';

/*
 * Codici fiscali used below, check character computed by hand with the official tables
 * (odd positions: 0/A=1 1/B=0 2/C=5 3/D=7 4/E=9 5/F=13 6/G=15 7/H=17 8/I=19 9/J=21 K=2 L=4 M=18 N=20
 *  O=11 P=3 Q=6 R=8 S=12 T=14 U=16 V=10 W=22 X=25 Y=24 Z=23; even positions: 0-9 = 0-9, A-Z = 0-25;
 *  check = letter of (sum mod 26)):
 *
 * RSSMRA85T10A562S  odd R=8 S=12 R=8 8=19 T=14 0=1 5=13 2=5 = 80; even S=18 M=12 A=0 5=5 1=1 A=0 6=6 = 42;
 *                   122 mod 26 = 18 -> S
 * BNCGVN70A41F205O  odd B=0 C=5 V=10 7=17 A=1 1=0 2=5 5=13 = 51; even N=13 G=6 N=13 0=0 4=4 F=5 0=0 = 41;
 *                   92 mod 26 = 14 -> O
 * VRDLGU90M01H501J  odd V=10 D=7 G=15 9=21 M=18 1=0 5=13 1=0 = 84; even R=17 L=11 U=20 0=0 0=0 H=7 0=0 = 55;
 *                   139 mod 26 = 9 -> J
 * RSSMRA85T10A56NH  (omocodic: the 15th char 2 -> N) odd … N=20 = 95; even = 42; 137 mod 26 = 7 -> H
 * RSSMRAURTMLARSNL  (every digit replaced: 8->U 5->R 1->M 0->L 5->R 6->S 2->N)
 *                   odd R=8 S=12 R=8 U=16 T=14 L=4 R=8 N=20 = 90; even S=18 M=12 A=0 R=17 M=12 A=0 S=18 = 77;
 *                   167 mod 26 = 11 -> L
 * MRTMTT25D09F205Z and RSSMRA80A01H501U are the widely published examples; both are valid.
 *
 * Partite IVA: 12345678903 (1+3+5+7+9 = 25; doubled 2->4 4->8 6->3 8->7 0->0 = 22; 47 -> check 3) and
 * 01234567897 are valid; 12345678904 is not.
 * Cards: 4111111111111111, 5555555555554444, 378282246310005, 6011111111111117 are the networks' Luhn-valid
 * test numbers; 4111111111111112 is not.
 * IBANs: IT60X0542811101000000123456, GB82WEST12345698765432, DE89370400440532013000 are valid.
 */

describe('checksums', () => {
  it('accepts a codice fiscale whose check character is right, in either case', () => {
    for (const cf of ['RSSMRA85T10A562S', 'BNCGVN70A41F205O', 'VRDLGU90M01H501J', 'MRTMTT25D09F205Z']) {
      expect(isValidCodiceFiscale(cf)).toBe(true);
      expect(isValidCodiceFiscale(cf.toLowerCase())).toBe(true);
    }
  });

  it('accepts omocodic codici fiscali', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A56NH')).toBe(true);
    expect(isValidCodiceFiscale('RSSMRAURTMLARSNL')).toBe(true);
  });

  it('rejects a wrong check character, a wrong shape or a wrong length', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A562T')).toBe(false);
    expect(isValidCodiceFiscale('RSSMRA85T10A56NS')).toBe(false); // omocodic but check not recomputed
    expect(isValidCodiceFiscale('RSSMRA85Z10A562S')).toBe(false); // Z is not a month letter
    expect(isValidCodiceFiscale('RSSMRA85T10A562')).toBe(false);
    expect(isValidCodiceFiscale('RSSMRA85T10A562SS')).toBe(false);
    expect(isValidCodiceFiscale('')).toBe(false);
  });

  it('checks the partita IVA check digit, with or without the IT prefix', () => {
    expect(isValidPartitaIva('12345678903')).toBe(true);
    expect(isValidPartitaIva('01234567897')).toBe(true);
    expect(isValidPartitaIva('IT12345678903')).toBe(true);
    expect(isValidPartitaIva('12345678904')).toBe(false);
    expect(isValidPartitaIva('1234567890')).toBe(false);
    expect(isValidPartitaIva('1234567890a')).toBe(false);
  });

  it('checks Luhn', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '0']) {
      expect(isLuhnValid(n)).toBe(true);
    }
    for (const n of ['4111111111111112', '1234567812345678', '', '4111 1111 1111 1111', '41x1']) {
      expect(isLuhnValid(n)).toBe(false);
    }
  });

  it('Luhn changes verdict when any single digit changes', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{13,19}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (n, at, delta) => {
          const i = at % n.length;
          const changed = n.slice(0, i) + String((Number(n[i]) + delta) % 10) + n.slice(i + 1);
          expect(isLuhnValid(changed) && isLuhnValid(n)).toBe(false);
        },
      ),
    );
  });
});

describe('redactPersonalData', () => {
  describe('codice fiscale', () => {
    it('redacts a valid codice fiscale, upper or lower case', () => {
      expect(redactPersonalData('Il mio codice fiscale è RSSMRA85T10A562S, grazie.')).toBe(
        'Il mio codice fiscale è [codice-fiscale], grazie.',
      );
      expect(redactPersonalData('cf: bncgvn70a41f205o')).toBe('cf: [codice-fiscale]');
      expect(redactPersonalData('(VRDLGU90M01H501J)')).toBe('([codice-fiscale])');
    });

    it('redacts omocodic codici fiscali', () => {
      expect(redactPersonalData('codice RSSMRA85T10A56NH')).toBe('codice [codice-fiscale]');
      expect(redactPersonalData('codice RSSMRAURTMLARSNL')).toBe('codice [codice-fiscale]');
    });

    it('leaves a code with a wrong check character alone', () => {
      const text = 'Il codice RSSMRA85T10A562T non è valido';
      expect(redactPersonalData(text)).toBe(text);
    });

    it('does not redact a codice fiscale glued inside a longer word', () => {
      const text = 'XRSSMRA85T10A562S';
      expect(redactPersonalData(text)).toBe(text);
    });
  });

  describe('e-mail', () => {
    it('redacts an address inside a sentence', () => {
      expect(redactPersonalData('scrivete a mario.rossi@example.it grazie')).toBe(
        'scrivete a [email] grazie',
      );
    });

    it('keeps the punctuation around an address', () => {
      expect(redactPersonalData('Contatto: <anna_b+pa@comune.roma.it>.')).toBe('Contatto: <[email]>.');
      expect(redactPersonalData('mail: luigi.verdi@pec.it, oppure no')).toBe('mail: [email], oppure no');
    });

    it('leaves a lone @ and social handles alone', () => {
      for (const text of ['ci vediamo @ casa', 'seguiteci su @comunedimilano', 'email: @']) {
        expect(redactPersonalData(text)).toBe(text);
      }
    });
  });

  describe('phone numbers', () => {
    it.each([
      ['chiamatemi al 333 1234567', 'chiamatemi al [telefono]'],
      ['chiamatemi al 3331234567.', 'chiamatemi al [telefono].'],
      ['cell. 333-1234567', 'cell. [telefono]'],
      ['cell. 333.123.4567', 'cell. [telefono]'],
      ['numero +39 333 123 4567 dopo le 18', 'numero [telefono] dopo le 18'],
      ['numero +393331234567', 'numero [telefono]'],
      ['numero 0039 333 1234567', 'numero [telefono]'],
      ['ufficio 06 1234 5678', 'ufficio [telefono]'],
      ['ufficio 0039 02-1234567', 'ufficio [telefono]'],
      ['ufficio 02 12345678', 'ufficio [telefono]'],
      ['tel. 0583 123456', 'tel. [telefono]'],
      ['(+39) 06 12345678', '[telefono]'],
      ['fisso 0583/123456', 'fisso [telefono]'],
      ['from London +44 20 7946 0958', 'from London [telefono]'],
    ])('%s', (text, expected) => {
      expect(redactPersonalData(text)).toBe(expected);
    });

    it.each([
      ['tel. 333 1234567, 333 7654321', 'tel. [telefono], [telefono]'],
      ['tel. 333 1234567 06 12345678', 'tel. [telefono] [telefono]'],
      ['tel. 3331234567 3337654321', 'tel. [telefono] [telefono]'],
      ['tel. 333 1234567 - 06 12345678 (ufficio)', 'tel. [telefono] - [telefono] (ufficio)'],
    ])('redacts every number of a list: %s', (text, expected) => {
      expect(redactPersonalData(text)).toBe(expected);
    });
  });

  describe('IBAN', () => {
    it('redacts an Italian IBAN with or without spaces', () => {
      expect(redactPersonalData('IBAN IT60 X054 2811 1010 0000 0123 456 intestato a me')).toBe(
        'IBAN [iban] intestato a me',
      );
      expect(redactPersonalData('IBAN: IT60X0542811101000000123456.')).toBe('IBAN: [iban].');
      expect(redactPersonalData('iban it60x0542811101000000123456')).toBe('iban [iban]');
    });

    it('redacts foreign IBANs', () => {
      expect(redactPersonalData('conto GB82 WEST 1234 5698 7654 32 ok')).toBe('conto [iban] ok');
      expect(redactPersonalData('Konto DE89370400440532013000')).toBe('Konto [iban]');
    });

    it('leaves an IBAN with a wrong checksum untouched', () => {
      const text = 'IBAN IT61 X054 2811 1010 0000 0123 456';
      expect(redactPersonalData(text)).toBe(text);
      const compact = 'IBAN IT60X0542811101000000123457';
      expect(redactPersonalData(compact)).toBe(compact);
    });
  });

  describe('payment cards', () => {
    it.each([
      ['carta 4111 1111 1111 1111 scaduta', 'carta [carta] scaduta'],
      ['carta 4111-1111-1111-1111', 'carta [carta]'],
      ['carta 4111111111111111 addebitata 3 volte', 'carta [carta] addebitata 3 volte'],
      ['mastercard 5555 5555 5555 4444', 'mastercard [carta]'],
      ['amex 3782 822463 10005', 'amex [carta]'],
    ])('redacts %s', (text, expected) => {
      expect(redactPersonalData(text)).toBe(expected);
    });

    it('leaves a Luhn-invalid number alone', () => {
      for (const text of ['carta 4111 1111 1111 1112', 'carta 4111111111111112']) {
        expect(redactPersonalData(text)).toBe(text);
      }
    });
  });

  describe('partita IVA', () => {
    it('redacts a valid partita IVA, with or without IT', () => {
      expect(redactPersonalData('P.IVA 12345678903')).toBe('P.IVA [partita-iva]');
      expect(redactPersonalData('P.IVA IT12345678903.')).toBe('P.IVA [partita-iva].');
      expect(redactPersonalData('ditta (01234567897)')).toBe('ditta ([partita-iva])');
    });

    it('labels a valid 11-digit partita IVA as such, not as a phone number', () => {
      expect(redactPersonalData('01234567897')).toBe('[partita-iva]');
    });

    it('leaves an invalid partita IVA alone', () => {
      const text = 'P.IVA 12345678904';
      expect(redactPersonalData(text)).toBe(text);
    });
  });

  it('redacts several kinds of data in one text', () => {
    const text =
      'Sono RSSMRA85T10A562S, scrivetemi a m.rossi@example.it o chiamate il +39 333 123 4567; ' +
      'rimborso su IT60 X054 2811 1010 0000 0123 456, non sulla carta 4111 1111 1111 1111 (P.IVA 12345678903).';
    expect(redactPersonalData(text)).toBe(
      'Sono [codice-fiscale], scrivetemi a [email] o chiamate il [telefono]; ' +
        'rimborso su [iban], non sulla carta [carta] (P.IVA [partita-iva]).',
    );
  });

  describe('no false positives', () => {
    it.each([
      'Ho fatto domanda il 12/03/2024 e ho avuto risposta il 15.04.2024.',
      'Appuntamento il 03-12-2024 alle 09:30, poi alle 10.30-12.30.',
      'Aperto dal 01.02.2024 al 06-07-24, chiuso il 03 12 2024.',
      'Periodi 01-02-2023 03-04-2023 e 05/06/2023 - 07/08/2023.',
      'Orari 08:30-12:30 / 14:00-17:30, oppure 10.30-12.30.',
      'Una spesa di 1.500.000.000 euro, ISEE 12.345,67 euro.',
      'Matricola 1234567, codice 2024 0001 2345 6789.',
      'Dal 2019 al 2023 ho aspettato 45 giorni ogni volta.',
      'Ho pagato 1.500 euro, poi 1.234.567,89 € e infine 2000 euro.',
      'Pratica n. 123456 del 2024, protocollo 2024/000123.',
      'CAP 00184 Roma, via Nazionale 12, interno 3.',
      'Sono stati 3, 5, 10, 42 e 100 giorni.',
      'Versione 1.2.3 dell’app, ISBN 978-88-04-12345-6.',
      'Il servizio è lento ma il personale è molto gentile e disponibile.',
      'Perché non posso prenotare online? Troppo complicato, ci ho messo mezz’ora.',
      'Applicazione completamente inutilizzabile su smartphone: pessima esperienza!',
      'Ottimo servizio, grazie mille a tutto lo sportello anagrafe.',
      '',
    ])('%s', (text) => {
      expect(redactPersonalData(text)).toBe(text);
    });
  });

  it('is idempotent on texts with personal data', () => {
    const text =
      'RSSMRA85T10A562S 3331234567 a@b.it IT60X0542811101000000123456 4111111111111111 12345678903';
    const once = redactPersonalData(text);
    expect(once).toBe('[codice-fiscale] [telefono] [email] [iban] [carta] [partita-iva]');
    expect(redactPersonalData(once)).toBe(once);
  });
});

// ---- property tests (those of each detector are in redaction-detectors.test.ts) --------------------------

const word = fc.stringMatching(/^[a-zàèéìòù]{1,10}$/);
const words = fc.array(word, { maxLength: 8 });

/** Text made of pieces that tend to form or almost form personal data, to stress the rules' interplay. */
const trickyText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.stringMatching(/^[0-9]{1,12}$/),
      fc.constantFrom(
        ' ',
        '-',
        '.',
        '@',
        '+39',
        '0039',
        'IT',
        'IT60',
        'X054',
        '2811',
        'RSSMRA',
        '85T10A562S',
        'RSSMRA85T10A562S',
        '4111',
        '4111111111111111',
        '12345678903',
        '333',
        '1234567',
        'a@b.it',
        '[email]',
        'mario',
        '.it',
      ),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('redactPersonalData properties', () => {
  it('is idempotent on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), trickyText), (text) => {
        const once = redactPersonalData(text);
        expect(redactPersonalData(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), trickyText), (text) => {
        expect(typeof redactPersonalData(text)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves ordinary words unchanged', () => {
    fc.assert(
      fc.property(words, (ws) => {
        const text = ws.join(' ');
        expect(redactPersonalData(text)).toBe(text);
      }),
    );
  });
});
