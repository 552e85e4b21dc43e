/**
 * The council's side of the resident reports API (server/API.md, "Resident reports"): the queue,
 * one report, its photo, and the three decisions. Errors are api-client's: ApiError (with the
 * problem's code, e.g. `conflict` when someone decided first) or NetworkError (nothing reached
 * the server, or no answer came back).
 */

import type { AcceptReportInput } from '../domain/report-schema';
import type { ReportDuplicate, ReportStatus, ResidentReport } from '../domain/reports';
import type { Finding } from '../domain/walks/types';
import type { ApiClient } from './api-client';

/** A report as the queue gives it: with its possible duplicates (pending reports only). */
export type QueueReport = ResidentReport & { duplicates: ReportDuplicate[] };

const path = (id: string, rest = '') => `reports/${encodeURIComponent(id)}${rest}`;

/** The reports of the viewer's districts, newest first: of one status, or all of them. */
export async function fetchReports(api: ApiClient, status: ReportStatus | null): Promise<QueueReport[]> {
  const answer = await api.request<{ reports: QueueReport[] }>('GET', status ? `reports?status=${encodeURIComponent(status)}` : 'reports');
  return answer.reports;
}

export function fetchReport(api: ApiClient, id: string): Promise<QueueReport> {
  return api.request('GET', path(id));
}

/** The report's photo (metadata removed) for an img src: same origin, so the session cookie goes along. */
export function reportPhotoUrl(api: ApiClient, id: string): string {
  return api.url(path(id, '/photo'));
}

export function acceptReport(api: ApiClient, id: string, input: AcceptReportInput, idempotencyKey: string): Promise<{ report: ResidentReport; finding: Finding }> {
  return api.request('POST', path(id, '/accept'), { body: input, idempotencyKey });
}

export function declineReport(api: ApiClient, id: string, reason: string, idempotencyKey: string): Promise<{ report: ResidentReport }> {
  return api.request('POST', path(id, '/decline'), { body: { reason }, idempotencyKey });
}

export function mergeReport(api: ApiClient, id: string, into: { kind: 'finding' | 'report'; id: string }, idempotencyKey: string): Promise<{ report: ResidentReport }> {
  return api.request('POST', path(id, '/merge'), { body: { into }, idempotencyKey });
}
