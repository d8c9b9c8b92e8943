import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getDraft } from '../../../../../commands/questionnaires.js';
import { validateAnswers } from '../../../../../domain/answers.js';
import type { FieldError } from '../../../../../domain/errors.js';
import type { Item } from '../../../../../domain/questionnaire.js';
import { messagesFor } from '../../../../../pages/messages.js';
import { QuestionnairePage } from '../../../../../pages/questionnaire-page.js';
import {
  first,
  formAnswers,
  FormQuerySchema,
  html,
  itemsNotPresented,
  pageLang,
} from '../../../../form-fields.js';
import type { AppServices } from '../../../../services.js';
import { commandContext } from '../staff-context.js';

/**
 * A draft as citizens will see it: the hosted page, in the language asked, whose form sends its
 * answers back here with GET (changing nothing), to be checked as the public form checks them and
 * never stored nor counted. Follow-up items open as on the public page.
 */
export const questionnairePreviewRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  app.get(
    '/questionnaire-drafts/:id/preview',
    {
      config: { access: { audience: 'staff', permission: 'questionnaires:write' } },
      schema: {
        summary: 'The draft rendered as the hosted page (HTML); its answers are checked, never stored',
        tags: ['questionnaires'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: FormQuerySchema,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { family, definition } = await getDraft(commandContext(request, services), id);
      const lang = pageLang(request);
      const fields = request.query;
      const { answers, shown } = formAnswers(definition.items, fields);
      let [errors, followUp, accepted]: [readonly FieldError[], readonly Item[], boolean] = [[], [], false];
      if (first(fields.sent) === '1') {
        followUp = itemsNotPresented(definition.items, shown, fields);
        if (followUp.length === 0) {
          const result = validateAnswers(definition, answers);
          if (result.ok) accepted = true;
          else errors = result.errors;
        }
      }
      return html(
        reply,
        errors.length > 0 ? 422 : 200,
        <QuestionnairePage
          lang={lang}
          slug={family}
          serviceName={messagesFor(lang).preview.title}
          enteName={family}
          definition={definition}
          shown={new Set(shown.map((i) => i.code))}
          values={answers}
          errors={errors}
          followUp={followUp}
          preview={{ family, action: `/api/v1/admin/questionnaire-drafts/${id}/preview`, accepted }}
        />,
      );
    },
  );
};
