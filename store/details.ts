import type { Details } from '../common/verification-messages';

export interface SequenceRow {
  sequence: string | number;
  change_date: Date | string;
  org_id: string;
}

/** The contract's `details`: sequence as a string, RFC 3339 change date, owning org. */
export function toDetails(row: SequenceRow): Details {
  return {
    sequence: String(row.sequence),
    changeDate: new Date(row.change_date).toISOString(),
    resourceOwner: row.org_id,
  };
}
