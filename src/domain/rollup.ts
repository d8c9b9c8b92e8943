import type { DeviceClass } from './device.js';
import type { Lang } from './questionnaire.js';
import type { Channel, PreparedResponse } from './response.js';

/** Value recorded for "this item was answered", whatever the answer; the denominator of shares. */
export const ANSWERED = '*';

export interface ItemCount {
  readonly serviceId: string;
  readonly day: string;
  readonly itemCode: string;
  readonly value: string;
  readonly count: number;
}

export interface ResponseCount {
  readonly serviceId: string;
  readonly day: string;
  readonly channel: Channel;
  readonly deviceClass: DeviceClass;
  readonly lang: Lang;
  readonly count: number;
}

export interface RollupDelta {
  readonly items: readonly ItemCount[];
  readonly responses: readonly ResponseCount[];
}

/**
 * The counts a set of newly stored responses adds to the rollups, aggregated and sorted by key
 * (a stable lock order, so concurrent writers never deadlock).
 */
export function rollupDelta(
  stored: readonly { serviceId: string; response: PreparedResponse }[],
): RollupDelta {
  const items = new Map<string, ItemCount>();
  const responses = new Map<string, ResponseCount>();
  const addItem = (serviceId: string, day: string, itemCode: string, value: string) => {
    const key = `${serviceId}\u0000${day}\u0000${itemCode}\u0000${value}`;
    const current = items.get(key);
    items.set(key, { serviceId, day, itemCode, value, count: (current?.count ?? 0) + 1 });
  };
  for (const { serviceId, response } of stored) {
    const { day, channel, deviceClass, lang } = response;
    const key = `${serviceId}\u0000${day}\u0000${channel}\u0000${deviceClass}\u0000${lang}`;
    const current = responses.get(key);
    responses.set(key, { serviceId, day, channel, deviceClass, lang, count: (current?.count ?? 0) + 1 });
    for (const [itemCode, value] of Object.entries(response.answers)) {
      addItem(serviceId, day, itemCode, ANSWERED);
      for (const v of Array.isArray(value) ? value : [value]) addItem(serviceId, day, itemCode, String(v));
    }
    for (const comment of response.comments) addItem(serviceId, day, comment.itemCode, ANSWERED);
  }
  const byKey = <T>(map: Map<string, T>) =>
    [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { items: byKey(items), responses: byKey(responses) };
}
