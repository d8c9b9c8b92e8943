import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { shownItems } from '../../domain/conditions.js';
import { ERROR_CATALOGUE, type FieldError } from '../../domain/errors.js';
import { checkFormToken, issueFormToken } from '../../domain/form-token.js';
import { localize, type Item, type Lang } from '../../domain/questionnaire.js';
import {
  first,
  formAnswers,
  FormFieldsSchema,
  html,
  itemsNotPresented,
  pageLang,
  type FormFields,
} from '../form-fields.js';
import { CHANNELS, SUBMISSION_ID, type Channel } from '../../domain/response.js';
import { langOf } from '../../pages/lang.js';
import { withQuery } from '../../pages/layout.js';
import { MessagePage } from '../../pages/message-page.js';
import { messagesFor, type FormErrorCode } from '../../pages/messages.js';
import { PrivacyPage } from '../../pages/privacy-page.js';
import { HONEYPOT_FIELD, QuestionnairePage } from '../../pages/questionnaire-page.js';
import type { ActiveService } from '../../store/services.js';
import { browserBundle, sendBundle } from '../browser-bundle.js';
import { toValutaError } from '../plugins/problems.js';
import { Slug } from '../schemas.js';
import type { AppServices } from '../services.js';
import { PUBLIC } from '../access/declaration.js';

/** The longest completion token a link may carry (completion-token.ts refuses longer ones). */
const MAX_COMPLETION_TOKEN = 1024;

const channelOf = (raw: string | undefined): Channel => CHANNELS.find((c) => c === raw) ?? 'web';

/**
 * The hosted questionnaire at /s/{slug}, its thank-you page and the privacy notice, in Italian,
 * English or German. Server-rendered, no JavaScript needed: POST validates; follow-up items that
 * the answers open are asked on a second step; success redirects (PRG) to the thank-you page.
 * With JavaScript, /assets/hosted.js shows the follow-ups in place and the second step is skipped.
 */
export const hostedRoutes: FastifyPluginAsyncTypebox<AppServices> = async (
  app,
  { config, directory, ingest, openings },
) => {
  await app.register(formbody, { bodyLimit: 16_384 });
  const script = browserBundle('hosted');
  const { secret, minFillMs } = config.antiAbuse;

  const notFound = (reply: FastifyReply, lang: Lang) => {
    const m = messagesFor(lang);
    return html(reply, 404, <MessagePage lang={lang} title={m.notFoundTitle} body={m.notFoundBody} />);
  };

  // Whatever fails on these routes (a rate limit, a body too large, an outage) is told to the
  // citizen as a page in their language, with the status and Retry-After of the problem.
  app.setErrorHandler(async (error, request, reply) => {
    const valutaError = toValutaError(error);
    const status = ERROR_CATALOGUE[valutaError.code].status;
    if (status >= 500 && valutaError.retryAfterSeconds === undefined)
      request.log.error({ err: error }, 'unexpected error');
    if (valutaError.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(valutaError.retryAfterSeconds));
    const lang = pageLang(request);
    const m = messagesFor(lang);
    const [title, body] =
      valutaError.code === 'VALUTA_ERR_RATE_LIMITED'
        ? [m.rateLimitedTitle, m.rateLimitedBody]
        : status === 503
          ? [m.unavailableTitle, m.unavailableBody]
          : status >= 500
            ? [m.internalErrorTitle, m.internalErrorBody]
            : [m.badRequestTitle, m.badRequestBody];
    return html(reply, status, <MessagePage lang={lang} title={title} body={body} />);
  });

  const renderForm = (
    reply: FastifyReply,
    status: number,
    service: ActiveService,
    state: {
      lang: Lang;
      values: Readonly<Record<string, unknown>>;
      errors: readonly FieldError[];
      formError?: FormErrorCode | undefined;
      submissionId: string;
      channel: Channel;
      formToken: string;
      completionToken: string | undefined;
      followUp: readonly Item[];
    },
  ) => {
    const definition = service.questionnaire.definition;
    const shown = new Set(shownItems(definition.items, state.values).map((i) => i.code));
    return html(
      reply,
      status,
      <QuestionnairePage
        slug={service.slug}
        serviceName={service.name}
        enteName={service.ente.name}
        definition={definition}
        shown={shown}
        {...state}
      />,
    );
  };

  const params = Type.Object({ slug: Slug });
  const langQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 64 })) });
  const formQuery = Type.Object({
    lang: Type.Optional(Type.String({ maxLength: 64 })),
    channel: Type.Optional(Type.String({ maxLength: 64 })),
    token: Type.Optional(Type.String()),
  });

  app.get('/assets/hosted.js', { config: PUBLIC, schema: { hide: true } }, async (request, reply) =>
    sendBundle(request, reply, script, 'public, max-age=3600'),
  );

  app.get(
    '/s/:slug',
    { config: PUBLIC, schema: { hide: true, params, querystring: formQuery } },
    async (request, reply) => {
      const lang = pageLang(request);
      const service = await directory.bySlug(request.params.slug);
      if (!service) return notFound(reply, lang);
      const channel = channelOf(request.query.channel);
      const token = request.query.token;
      // An opening is an arrival from elsewhere (a link, a QR code, the ente's page): not a HEAD,
      // and not a move within these pages, such as the language switch. A statistic: failing to
      // count one never keeps the citizen from the form.
      if (request.method === 'GET' && request.headers['sec-fetch-site'] !== 'same-origin') {
        await openings.count(service.slug, channel).catch((error: unknown) => {
          request.log.warn({ err: error }, 'opening not counted');
        });
      }
      // A token too long to be one is refused at once; the citizen may still answer, unverified.
      const tooLong = token !== undefined && token.length > MAX_COMPLETION_TOKEN;
      return renderForm(reply, 200, service, {
        lang,
        values: {},
        errors: [],
        formError: tooLong ? 'VALUTA_ERR_INVALID_COMPLETION_TOKEN' : undefined,
        submissionId: randomUUID(),
        channel,
        formToken: issueFormToken(secret, service.slug, new Date()),
        completionToken: tooLong || token === '' ? undefined : token,
        followUp: [],
      });
    },
  );

  app.post(
    '/s/:slug',
    {
      config: { access: { audience: 'citizen', ownPage: true, rateLimit: 'hosted-form' } },
      schema: { hide: true, params, querystring: langQuery, body: FormFieldsSchema },
    },
    async (request, reply) => {
      const body: FormFields = request.body ?? {};
      const lang = langOf(first(body.lang)) ?? pageLang(request);
      const service = await directory.bySlug(request.params.slug);
      if (!service) return notFound(reply, lang);
      const rawId = first(body.submissionId);
      const submissionId = rawId !== undefined && SUBMISSION_ID.test(rawId) ? rawId : randomUUID();
      const channel = channelOf(first(body.channel));
      const rawToken = first(body.completionToken);
      const completionToken = rawToken && rawToken.length <= MAX_COMPLETION_TOKEN ? rawToken : undefined;
      const definition = service.questionnaire.definition;
      const { answers, shown } = formAnswers(definition.items, body);
      const now = new Date();
      const formToken = first(body.formToken) ?? '';
      const state = { lang, values: answers, submissionId, channel, formToken, completionToken };
      // Refused before anything is stored; the answers come back with a fresh token.
      const refuse = (formError: FormErrorCode) =>
        renderForm(reply, ERROR_CATALOGUE[formError].status, service, {
          ...state,
          formToken: issueFormToken(secret, service.slug, now),
          errors: [],
          formError,
          followUp: [],
        });

      if ((first(body[HONEYPOT_FIELD]) ?? '') !== '') return refuse('VALUTA_ERR_AUTOMATED_SUBMISSION');
      const check = checkFormToken(secret, service.slug, formToken, now, minFillMs);
      if (check === 'too-fast') return refuse('VALUTA_ERR_TOO_FAST');
      if (check === 'invalid') return refuse('VALUTA_ERR_INVALID_FORM_TOKEN');

      const opened = itemsNotPresented(definition.items, shown, body);
      if (opened.length > 0)
        return renderForm(reply, 200, service, { ...state, errors: [], followUp: opened });
      try {
        await ingest.submit(service.slug, {
          submissionId,
          answers,
          channel,
          lang,
          userAgent: request.headers['user-agent'],
          completionToken,
        });
      } catch (error) {
        const valutaError = toValutaError(error);
        switch (valutaError.code) {
          case 'VALUTA_ERR_INVALID_ANSWERS':
            return renderForm(reply, 422, service, { ...state, errors: valutaError.errors, followUp: [] });
          // The answers are kept and the link dropped: sent again, the response is stored unverified.
          case 'VALUTA_ERR_INVALID_COMPLETION_TOKEN':
          case 'VALUTA_ERR_COMPLETION_TOKEN_USED':
            return renderForm(reply, ERROR_CATALOGUE[valutaError.code].status, service, {
              ...state,
              completionToken: undefined,
              errors: [],
              formError: valutaError.code,
              followUp: [],
            });
          default:
            throw error;
        }
      }
      return reply.redirect(withQuery(`/s/${service.slug}/grazie`, { lang }), 303);
    },
  );

  app.get(
    '/s/:slug/grazie',
    { config: PUBLIC, schema: { hide: true, params, querystring: langQuery } },
    async (request, reply) => {
      const lang = pageLang(request);
      const service = await directory.bySlug(request.params.slug);
      if (!service) return notFound(reply, lang);
      const m = messagesFor(lang);
      return html(
        reply,
        200,
        <MessagePage
          status
          lang={lang}
          title={m.thanksTitle}
          body={localize(service.questionnaire.definition.closing, lang)}
          enteName={service.ente.name}
          hrefIn={(l) => withQuery(`/s/${service.slug}/grazie`, { lang: l })}
          link={service.url ? { href: service.url, text: m.thanksBack } : undefined}
        />,
      );
    },
  );

  app.get(
    '/privacy',
    { config: PUBLIC, schema: { hide: true, querystring: langQuery } },
    async (request, reply) =>
      html(reply, 200, <PrivacyPage lang={pageLang(request)} k={config.suppressionK} />),
  );
};
