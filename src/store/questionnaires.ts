import { isDeepStrictEqual } from 'node:util';
import { validateDefinition } from '../domain/definition.js';
import { ValutaError } from '../domain/errors.js';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Db } from './database.js';

export interface PublishedVersion {
  readonly id: string;
  readonly definition: QuestionnaireDefinition;
  readonly publishedAt: Date;
}

/**
 * Publishes a questionnaire version. Published versions are immutable: publishing the same
 * definition again is a no-op, publishing a different one under the same number is refused,
 * and so is a definition that `validateDefinition` finds fault with.
 */
export async function publishQuestionnaire(
  db: Db,
  definition: QuestionnaireDefinition,
): Promise<PublishedVersion> {
  const problems = validateDefinition(definition);
  if (problems.length > 0) {
    throw new ValutaError(
      'VALUTA_ERR_INVALID_DEFINITION',
      `${String(definition.family)} v${String(definition.version)} cannot be published: ${problems.map((p) => p.detail).join('; ')}`,
      problems,
    );
  }
  await db
    .insertInto('questionnaireVersion')
    .values({
      family: definition.family,
      version: definition.version,
      definition: JSON.stringify(definition),
    })
    .onConflict((oc) => oc.columns(['family', 'version']).doNothing())
    .execute();
  const stored = await db
    .selectFrom('questionnaireVersion')
    .select(['id', 'definition', 'publishedAt'])
    .where('family', '=', definition.family)
    .where('version', '=', definition.version)
    .executeTakeFirstOrThrow();
  if (!isDeepStrictEqual(stored.definition, JSON.parse(JSON.stringify(definition)))) {
    throw new ValutaError(
      'VALUTA_ERR_VALIDATION',
      `${definition.family} v${definition.version} is already published with a different definition; publish a new version`,
    );
  }
  return stored;
}
