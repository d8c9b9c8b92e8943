import { describe, expect, it } from 'vitest';
import { deviceClassOf } from '../../src/domain/device.js';
import { prepareResponse, submissionKey } from '../../src/domain/response.js';
import { coarsenToHour, italianDay } from '../../src/domain/time.js';
import { cxDispositivoV1 } from '../../src/questionnaires/cx-dispositivo.v1.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

describe('time coarsening', () => {
  it('keeps the hour and drops minutes, seconds and milliseconds', () => {
    expect(coarsenToHour(new Date('2026-03-05T14:59:59.999Z')).toISOString()).toBe(
      '2026-03-05T14:00:00.000Z',
    );
    expect(coarsenToHour(new Date('2026-03-05T15:00:00.000Z')).toISOString()).toBe(
      '2026-03-05T15:00:00.000Z',
    );
  });

  it('files a response under the Italian calendar day, across daylight saving time', () => {
    expect(italianDay(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16'); // CET, UTC+1
    expect(italianDay(new Date('2026-01-15T22:30:00Z'))).toBe('2026-01-15');
    expect(italianDay(new Date('2026-07-15T22:30:00Z'))).toBe('2026-07-16'); // CEST, UTC+2
    expect(italianDay(new Date('2026-07-15T21:59:00Z'))).toBe('2026-07-15');
  });
});

describe('device class', () => {
  it.each([
    [IPHONE, 'mobile'],
    [ANDROID, 'mobile'],
    [IPAD, 'tablet'],
    [WINDOWS, 'desktop'],
    ['curl/8.5.0', 'unknown'],
    ['', 'unknown'],
    [undefined, 'unknown'],
  ])('classifies %s as %s', (ua, expected) => {
    expect(deviceClassOf(ua)).toBe(expected);
  });
});

describe('a prepared response', () => {
  const receivedAt = new Date('2026-05-20T09:41:27.123Z');
  const prepared = prepareResponse(
    cxDispositivoV1,
    'service-1',
    {
      submissionId: '018f3a1c-7b2e-7c3d-8e4f-5a6b7c8d9e0f', // a UUIDv7: its first bits are a timestamp
      answers: {
        SAT_OVERALL: 2,
        EASE: 3,
        EFFECTIVENESS: 'no',
        INFO_CLARITY: 2,
        PAIN_POINTS: ['too-slow'],
        SUGGESTIONS: 'Chiamatemi al 333 1234567',
      },
      channel: 'web',
      lang: 'it',
      userAgent: IPHONE,
    },
    receivedAt,
  );

  it('holds the hour, the device class, whether it was verified and the answers, and nothing else about the respondent', () => {
    expect(Object.keys(prepared).sort()).toEqual(
      [
        'answers',
        'channel',
        'comments',
        'day',
        'deviceClass',
        'lang',
        // the answer to the overall item, already among the answers, which its comments carry (ADR 25)
        'score',
        'submissionKey',
        'submittedHour',
        'verified',
      ].sort(),
    );
    expect(prepared.submittedHour.toISOString()).toBe('2026-05-20T09:00:00.000Z');
    expect(prepared.deviceClass).toBe('mobile');
    expect(JSON.stringify(prepared)).not.toContain('iPhone');
    expect(JSON.stringify(prepared)).not.toContain('41:27');
  });

  it('keeps free text apart from the answers, redacted', () => {
    expect(prepared.answers).toEqual({
      SAT_OVERALL: 2,
      EASE: 3,
      EFFECTIVENESS: 'no',
      INFO_CLARITY: 2,
      PAIN_POINTS: ['too-slow'],
    });
    expect(prepared.comments).toEqual([{ itemCode: 'SUGGESTIONS', text: 'Chiamatemi al [telefono]' }]);
  });

  it('stores a hash of the submission id, never the id (which may encode a time)', () => {
    expect(prepared.submissionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(prepared.submissionKey).not.toContain('018f3a1c');
    expect(prepared.submissionKey).toBe(submissionKey('service-1', '018f3a1c-7b2e-7c3d-8e4f-5a6b7c8d9e0f'));
    // the same client id on another service is another submission
    expect(submissionKey('service-2', '018f3a1c-7b2e-7c3d-8e4f-5a6b7c8d9e0f')).not.toBe(
      prepared.submissionKey,
    );
  });
});
