import Bowser from 'bowser';

export const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop', 'unknown'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

// User agents repeat a great deal, and parsing one costs ~10 µs on the hot path. The memo lives
// in memory only, is bounded, and is never persisted.
const MEMO_LIMIT = 1_000;
const memo = new Map<string, DeviceClass>();

function classify(userAgent: string): DeviceClass {
  const type = Bowser.parse(userAgent).platform.type;
  return type === 'mobile' || type === 'tablet' || type === 'desktop' ? type : 'unknown';
}

/** The class of device a user-agent string describes; the string itself is never kept. */
export function deviceClassOf(userAgent: string | undefined): DeviceClass {
  if (!userAgent) return 'unknown';
  let deviceClass = memo.get(userAgent);
  if (deviceClass === undefined) {
    deviceClass = classify(userAgent);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(userAgent, deviceClass);
  }
  return deviceClass;
}
