import { randomUUID } from 'node:crypto';
import { verifyCompletionToken, type VerifiedToken } from '../domain/completion-token.js';
import { prepareResponse, type Submission } from '../domain/response.js';
import { claimCompletionToken, purgeExpiredTokens } from '../store/completion-tokens.js';
import { isDatabaseUnavailable, type Db } from '../store/database.js';
import { storeResponses, type ResponseToStore } from '../store/responses.js';
import type { ServiceDirectory } from '../store/service-directory.js';
import { GroupCommitBatcher, type BatcherOptions } from './batcher.js';

export interface IngestStats {
  readonly batches: number;
  readonly acknowledged: number;
  readonly queueDepth: number;
}

/**
 * The one entry point for responses from every channel (hosted page, widget, QR, API):
 * validate against the service's questionnaire, redact, coarsen, then group-commit.
 */
export class Ingest {
  private readonly batcher: GroupCommitBatcher<ResponseToStore, string>;
  private batches = 0;
  private acknowledged = 0;

  constructor(
    private readonly db: Db,
    private readonly directory: ServiceDirectory,
    options: BatcherOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.batcher = new GroupCommitBatcher((batch) => this.commit(batch), options);
  }

  /**
   * Records a submission for the service `slug`; resolves with the response id once it is
   * durably committed. A retry with the same submission id resolves with the same id.
   * A submission with a completion token is stored as verified once the token checks out and
   * has not served another submission.
   */
  async submit(slug: string, submission: Submission): Promise<{ readonly id: string }> {
    const service = await this.directory.activeService(slug);
    const now = this.clock();
    let token: VerifiedToken | undefined;
    if (submission.completionToken !== undefined) {
      token = await verifyCompletionToken(service.completionKey, slug, submission.completionToken, now);
    }
    const response = prepareResponse(
      service.questionnaire.definition,
      service.id,
      submission,
      now,
      token !== undefined,
    );
    if (token !== undefined) {
      await claimCompletionToken(this.db, service.id, token, submission.submissionId);
      this.purgeExpiredTokensHourly(now);
    }
    const id = await this.batcher.add({
      id: randomUUID(),
      serviceId: service.id,
      questionnaireVersionId: service.questionnaire.id,
      response,
    });
    return { id };
  }

  private lastPurge = 0;

  private purgeExpiredTokensHourly(now: Date): void {
    if (now.getTime() - this.lastPurge < 3_600_000) return;
    this.lastPurge = now.getTime();
    // Best effort: a failed purge is retried at the next hour; expired tokens are refused anyway.
    purgeExpiredTokens(this.db, now).catch(() => (this.lastPurge = 0));
  }

  get stats(): IngestStats {
    return { batches: this.batches, acknowledged: this.acknowledged, queueDepth: this.batcher.depth };
  }

  /** Flushes everything accepted; new submissions are refused with 503. */
  close(): Promise<void> {
    return this.batcher.close();
  }

  /**
   * One group commit. An outage fails the whole batch (the HTTP layer answers 503; callers retry,
   * idempotently);
   * anything else the database refuses is retried entry by entry, so that only the entry at
   * fault fails and the others are still stored.
   */
  private async commit(batch: readonly ResponseToStore[]): Promise<(string | Error)[]> {
    let results: (string | Error)[];
    try {
      results = await storeResponses(this.db, batch);
    } catch (error) {
      if (isDatabaseUnavailable(error) || batch.length === 1) throw error;
      results = [];
      for (const entry of batch) {
        results.push(
          await storeResponses(this.db, [entry]).then(
            ([id]) => id as string,
            (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
          ),
        );
      }
    }
    this.batches += 1;
    this.acknowledged += results.filter((r) => !(r instanceof Error)).length;
    return results;
  }
}
