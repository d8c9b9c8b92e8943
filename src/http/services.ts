import type { Config } from '../config.js';
import type { Ingest } from '../ingest/ingest.js';
import type { OpeningCounter } from '../ingest/openings.js';
import type { Database } from '../store/database.js';
import type { ResultsCache } from '../store/results-cache.js';
import type { ServiceDirectory } from '../store/service-directory.js';

/** What the HTTP layer is given by the composition root. */
export interface AppServices {
  readonly config: Pick<
    Config,
    'publicUrl' | 'suppressionK' | 'logLevel' | 'antiAbuse' | 'trustProxy' | 'demoPages' | 'staff'
  >;
  /** Where "now" comes from (tests set it). */
  readonly now: () => Date;
  readonly database: Database;
  readonly directory: ServiceDirectory;
  readonly ingest: Ingest;
  readonly openings: OpeningCounter;
  /** Results kept until the rollups change. */
  readonly resultsCache: ResultsCache;
}
