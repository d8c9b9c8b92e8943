/**
 * Every export by a person, a key or the CLI is written to the audit trail before its first byte
 * leaves: what was exported, in which format, with which filters, and how many rows.
 */
import type { Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { runCommand, type CommandContext } from './command.js';

/** The formats things leave the platform in. */
export type ExportFormat = 'csv' | 'xlsx' | 'sdmx-csv' | 'html';

export interface ExportNote {
  /** What leaves the platform, e.g. `audit-trail`. */
  readonly what: string;
  readonly format: ExportFormat;
  /** The filters as the caller gave them. */
  readonly filters: Readonly<Record<string, string>>;
  /** The ente whose data it is, or null for data of the whole platform. */
  readonly enteId: string | null;
}

/** Records the export, with the rows that `count` finds in the transaction that writes the entry. */
export async function recordExport(
  ctx: CommandContext,
  note: ExportNote,
  count: (trx: Transaction<Schema>) => Promise<number>,
): Promise<void> {
  await runCommand(ctx, async (trx) => ({
    result: undefined,
    audit: {
      action: `export.${note.what}`,
      targetKind: 'export',
      targetId: note.what,
      enteId: note.enteId,
      summary: { format: note.format, filters: note.filters, rows: await count(trx) },
    },
  }));
}
