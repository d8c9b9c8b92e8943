import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { shownItems } from '../domain/conditions.js';
import { isBlank, ITEM_TYPE_SPECS } from '../domain/item-types.js';
import type { Item, Lang } from '../domain/questionnaire.js';
import { negotiateLang } from '../pages/lang.js';
import { renderDocument } from '../pages/render.js';

/** The fields of a questionnaire form: strings, or lists of them when repeated. */
export type FormFields = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The schema of a form's fields, as a body or a query string: anything else is a 400. The list
 * comes first: tried first, the string branch half-coerces [[x]] and lets a list through.
 */
const FieldValue = Type.Union([Type.Array(Type.String()), Type.String()]);
export const FormFieldsSchema = Type.Record(Type.String(), FieldValue);

/**
 * The query string of a form sent with GET (the console's preview): the fields it always has,
 * then the answers by item code. Named, so that the OpenAPI document lists them as parameters.
 */
export const FormQuerySchema = Type.Object(
  {
    lang: Type.Optional(Type.String({ description: 'it, en or de' })),
    sent: Type.Optional(Type.String({ description: '1 once the form was sent: check the answers' })),
    presented: Type.Optional(Type.String({ description: 'The item codes the page showed, comma-separated' })),
    inline: Type.Optional(Type.String({ description: '1 when the page showed follow-ups in place' })),
  },
  { additionalProperties: FieldValue, description: 'and the answers, by item code' },
);

export const asList = (raw: string | string[] | undefined): string[] =>
  raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
export const first = (raw: string | string[] | undefined): string | undefined => asList(raw)[0];

/**
 * Form fields to answers in the JSON shape, and the items those answers ask. What was left blank is
 * dropped, and so is an answer to an item the answers no longer ask, as the page would hide it.
 */
export function formAnswers(
  items: readonly Item[],
  fields: FormFields,
): { answers: Record<string, unknown>; shown: Item[] } {
  const values: Record<string, unknown> = {};
  for (const item of items) {
    const value = ITEM_TYPE_SPECS[item.type].fromForm(asList(fields[item.code]));
    if (!isBlank(value)) values[item.code] = value;
  }
  const shown = shownItems(items, values);
  const answers = Object.fromEntries(
    shown.filter((i) => i.code in values).map((i) => [i.code, values[i.code]]),
  );
  return { answers, shown };
}

/**
 * The items a posted form did not show (the second step without JavaScript). With JavaScript the
 * page held every item (`inline`), showing each as the answers asked for it.
 */
export function itemsNotPresented(
  items: readonly Item[],
  shown: readonly Item[],
  fields: FormFields,
): Item[] {
  const presented =
    first(fields.inline) === '1'
      ? new Set(items.map((i) => i.code))
      : new Set((first(fields.presented) ?? '').split(','));
  return shown.filter((item) => !presented.has(item.code));
}

/** A server-rendered page, never cached. */
export function html(
  reply: FastifyReply,
  status: number,
  page: Parameters<typeof renderDocument>[0],
): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('vary', 'accept-language')
    .type('text/html; charset=utf-8')
    .send(renderDocument(page));
}

/** The language of a page: `?lang=`, then `Accept-Language`, then Italian. */
export const pageLang = (request: FastifyRequest): Lang => {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  // a form's query string holds lists (FormFieldsSchema)
  const asked = Array.isArray(lang) ? lang[0] : lang;
  return negotiateLang(typeof asked === 'string' ? asked : undefined, request.headers['accept-language']);
};
