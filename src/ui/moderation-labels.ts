import type { ReportStatus, ReportTime } from '../domain/reports';
import type { MessageKey } from '../i18n/strings';

/** The string keys of a resident report's status and times of day, as the council sees them. */
export const MOD_STATUS_LABEL: Record<ReportStatus, MessageKey> = {
  inkommen: 'modStatus_inkommen', accepterad: 'modStatus_accepterad', sammanslagen: 'modStatus_sammanslagen', avbojd: 'modStatus_avbojd',
};
export const MOD_TIME_LABEL: Record<ReportTime, MessageKey> = { dag: 'modTime_dag', kvall: 'modTime_kvall', natt: 'modTime_natt' };
