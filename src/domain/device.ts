import Bowser from 'bowser';

export const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop', 'unknown'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** The class of device a user-agent string describes; the string itself is never kept. */
export function deviceClassOf(userAgent: string | undefined): DeviceClass {
  if (!userAgent) return 'unknown';
  const type = Bowser.parse(userAgent).platform.type;
  return type === 'mobile' || type === 'tablet' || type === 'desktop' ? type : 'unknown';
}
