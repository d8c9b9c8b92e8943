import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { shownItems } from '../../domain/conditions.js';
import type { FieldError } from '../../domain/errors.js';
import { isBlank, ITEM_TYPE_SPECS } from '../../domain/item-types.js';
import { localize, type Item } from '../../domain/questionnaire.js';
import { CHANNELS, SUBMISSION_ID, type Channel } from '../../domain/response.js';
import { MessagePage } from '../../pages/message-page.js';
import { messages } from '../../pages/messages.js';
import { QuestionnairePage } from '../../pages/questionnaire-page.js';
import { renderDocument } from '../../pages/render.js';
import type { ActiveService } from '../../store/services.js';
import { toValutaError } from '../plugins/problems.js';
import { Slug } from '../schemas.js';
import type { AppServices } from '../services.js';

type FormBody = Readonly<Record<string, string | string[] | undefined>>;

const asList = (raw: string | string[] | undefined): string[] =>
  raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
const first = (raw: string | string[] | undefined): string | undefined => asList(raw)[0];
const channelOf = (raw: string | undefined): Channel => CHANNELS.find((c) => c === raw) ?? 'web';

/** Form fields to answers in the JSON shape, dropping what was left blank. */
function formAnswers(items: readonly Item[], body: FormBody): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const item of items) {
    const value = ITEM_TYPE_SPECS[item.type].fromForm(asList(body[item.code]));
    if (!isBlank(value)) values[item.code] = value;
  }
  return values;
}

function html(reply: FastifyReply, status: number, page: Parameters<typeof renderDocument>[0]): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderDocument(page));
}

/**
 * The hosted questionnaire at /s/{slug}: server-rendered, no JavaScript needed.
 * POST validates; follow-up items that the answers open are asked on a second step;
 * success redirects (PRG) to the thank-you page.
 */
export const hostedRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, { directory, ingest }) => {
  await app.register(formbody, { bodyLimit: 16_384 });

  const notFound = (reply: FastifyReply) =>
    html(reply, 404, <MessagePage title={messages.notFoundTitle} body={messages.notFoundBody} />);

  const renderForm = (
    reply: FastifyReply,
    status: number,
    service: ActiveService,
    state: {
      values: Readonly<Record<string, unknown>>;
      errors: readonly FieldError[];
      submissionId: string;
      channel: Channel;
      followUp: readonly Item[];
    },
  ) => {
    const definition = service.questionnaire.definition;
    return html(
      reply,
      status,
      <QuestionnairePage
        action={`/s/${service.slug}`}
        serviceName={service.name}
        enteName={service.ente.name}
        definition={definition}
        items={shownItems(definition.items, state.values)}
        {...state}
      />,
    );
  };

  const params = Type.Object({ slug: Slug });
  const query = Type.Object({ channel: Type.Optional(Type.String({ maxLength: 32 })) });

  app.get('/s/:slug', { schema: { hide: true, params, querystring: query } }, async (request, reply) => {
    const service = await directory.bySlug(request.params.slug);
    if (!service) return notFound(reply);
    return renderForm(reply, 200, service, {
      values: {},
      errors: [],
      submissionId: randomUUID(),
      channel: channelOf(request.query.channel),
      followUp: [],
    });
  });

  app.post('/s/:slug', { schema: { hide: true, params } }, async (request, reply) => {
    const service = await directory.bySlug(request.params.slug);
    if (!service) return notFound(reply);
    const body = (request.body ?? {}) as FormBody;
    const rawId = first(body.submissionId);
    const submissionId = rawId !== undefined && SUBMISSION_ID.test(rawId) ? rawId : randomUUID();
    const channel = channelOf(first(body.channel));
    const definition = service.questionnaire.definition;
    const values = formAnswers(definition.items, body);
    const shown = shownItems(definition.items, values);
    // An answer to an item the new answers no longer ask is dropped, as the page would hide it.
    const answers = Object.fromEntries(
      shown.filter((i) => i.code in values).map((i) => [i.code, values[i.code]]),
    );
    const presented = new Set((first(body.presented) ?? '').split(','));
    const state = { values: answers, submissionId, channel };

    const opened = shown.filter((item) => !presented.has(item.code));
    if (opened.length > 0) return renderForm(reply, 200, service, { ...state, errors: [], followUp: opened });
    try {
      await ingest.submit(service.slug, {
        submissionId,
        answers,
        channel,
        lang: 'it',
        userAgent: request.headers['user-agent'],
      });
    } catch (error) {
      const valutaError = toValutaError(error);
      if (valutaError.code === 'VALUTA_ERR_INVALID_ANSWERS') {
        return renderForm(reply, 422, service, { ...state, errors: valutaError.errors, followUp: [] });
      }
      if (valutaError.retryAfterSeconds === undefined) throw error;
      reply.header('retry-after', String(valutaError.retryAfterSeconds));
      return html(
        reply,
        503,
        <MessagePage
          title={messages.unavailableTitle}
          body={messages.unavailableBody}
          enteName={service.ente.name}
        />,
      );
    }
    return reply.redirect(`/s/${service.slug}/grazie`, 303);
  });

  app.get('/s/:slug/grazie', { schema: { hide: true, params } }, async (request, reply) => {
    const service = await directory.bySlug(request.params.slug);
    if (!service) return notFound(reply);
    return html(
      reply,
      200,
      <MessagePage
        status
        title={messages.thanksTitle}
        body={localize(service.questionnaire.definition.closing, 'it')}
        enteName={service.ente.name}
        link={service.url ? { href: service.url, text: messages.thanksBack } : undefined}
      />,
    );
  });
};
