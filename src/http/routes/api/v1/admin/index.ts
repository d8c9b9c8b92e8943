import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../../../services.js';
import { auditRoutes } from './audit.js';
import { entiRoutes } from './enti.js';
import { peopleRoutes } from './people.js';
import { questionnairePreviewRoutes } from './questionnaire-preview.js';
import { questionnaireRoutes } from './questionnaires.js';
import { catalogueRoutes } from './services.js';

/** The admin API at /api/v1/admin: every route is for staff (a session, or a key where scopes allow). */
export const adminRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  // Under this plugin's prefix (services still carries it: it must not be added twice).
  const children = { ...services, prefix: '' };
  await app.register(entiRoutes, children);
  await app.register(catalogueRoutes, children);
  await app.register(peopleRoutes, children);
  await app.register(questionnaireRoutes, children);
  await app.register(questionnairePreviewRoutes, children);
  await app.register(auditRoutes, children);
};
