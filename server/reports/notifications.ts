/**
 * Updates owed to residents who left an email address: one row per event in report_notification,
 * for a mail transport to send. The address is kept on the report only while updates can still
 * come: when the report is declined or its finding is closed, the last update is queued and the
 * address is removed from the report.
 */

import { isOpen } from '../../src/domain/walks/status';
import type { FindingStatus } from '../../src/domain/walks/types';
import type { Queryable } from '../db/database';

export type NotificationKind = 'accepted' | 'merged' | 'declined' | `status:${FindingStatus}`;

/** Queues an update for one report; with `last`, forgets the address afterwards. */
export async function notifyReport(db: Queryable, reportId: string, kind: NotificationKind, last: boolean): Promise<void> {
  await db.query(
    `insert into report_notification (report_id, email, kind) select id, email, $2 from resident_report where id = $1 and email is not null`,
    [reportId, kind]);
  if (last) await db.query('update resident_report set email = null where id = $1', [reportId]);
}

/** Queues a status update for every report that became or was merged into this finding. */
export async function notifyFindingStatus(db: Queryable, findingId: string, status: FindingStatus): Promise<void> {
  const { rows } = await db.query<{ id: string }>('select id from resident_report where finding_id = $1 and email is not null', [findingId]);
  for (const row of rows) await notifyReport(db, row.id, `status:${status}`, !isOpen(status));
}
