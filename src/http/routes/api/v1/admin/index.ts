import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../../../services.js';
import { auditRoutes } from './audit.js';
import { entiRoutes } from './enti.js';
import { peopleRoutes } from './people.js';
import { questionnaireRoutes } from './questionnaires.js';
import { catalogueRoutes } from './services.js';

/** The admin API at /api/v1/admin: every route is for staff (a session, or a key where scopes allow). */
export const adminRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, options) => {
  // (the options carry this plugin's prefix too, which the routes below must not get again)
  const { config, database, directory, ingest, openings, now } = options;
  const services: AppServices = { config, database, directory, ingest, openings, now };
  await app.register(entiRoutes, services);
  await app.register(catalogueRoutes, services);
  await app.register(peopleRoutes, services);
  await app.register(questionnaireRoutes, services);
  await app.register(auditRoutes, services);
};
