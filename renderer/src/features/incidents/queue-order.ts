/**
 * The alert queue's plain logic: newest first, a severity tier per alert kind, the picture to show for an incident
 * (its peak snapshot), the cameras it involves, and what one reviewer said about it.
 */
import type { IncidentReviewView, IncidentView } from '@contract/incidents-contract';
import type { SeverityTier } from '../../../../electron/domain/task-lifecycle';

/**
 * The tier of each alert kind: the engine's defaults for the tasks of these kinds (tasks.severity in the
 * configuration), so an incident and its task show the same colour unless a centre changed them.
 */
const KIND_SEVERITY: Readonly<Record<string, SeverityTier>> = {
  fire: 'red',
  smoke: 'red',
  intrusion: 'yellow',
  crowding: 'yellow',
  loitering: 'blue',
};

export function severityOf(kind: string): SeverityTier {
  return KIND_SEVERITY[kind] ?? 'blue';
}

/** Newest first: the latest start on top; among incidents that started together, the higher number first. */
export function sortQueue(incidents: readonly IncidentView[]): IncidentView[] {
  const number = (id: string): number => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  return [...incidents].sort(
    (a, b) => Date.parse(b.firstSeen) - Date.parse(a.firstSeen) || number(b.id) - number(a.id),
  );
}

/** The snapshot taken at the incident's peak (of its peak camera), else its first snapshot; null before any. */
export function peakSnapshot(incident: IncidentView): IncidentView['evidence'][number] | null {
  const snapshots = incident.evidence.filter((e) => e.kind === 'snapshot');
  return snapshots.find((e) => e.cameraId === incident.peak.cameraId) ?? snapshots[0] ?? null;
}

/** The cameras of an incident, the peak camera first, each once. */
export function camerasOf(incident: IncidentView): string[] {
  return [...new Set([incident.peak.cameraId, ...incident.alerts.map((a) => a.cameraId)])];
}

/** One reviewer's review of each incident, by incident id. */
export function reviewsById(reviews: readonly IncidentReviewView[]): ReadonlyMap<string, IncidentReviewView> {
  return new Map(reviews.map((r) => [r.incidentId, r]));
}

/** The queue without the incidents one reviewer has already reviewed (a push may arrive before the list reloads). */
export function withoutReviewed(incidents: readonly IncidentView[], reviewed: ReadonlySet<string>): IncidentView[] {
  return incidents.filter((i) => !reviewed.has(i.id));
}
