/**
 * Pure helpers of the Objectives page: period labels (`2027-Q1`, `2027-03`, `2027`) as core parses them, stepping
 * from one to the next, the unit of each metric, and the form's blank and edit inputs.
 */
import type { Cadence } from '$lib/bindings/Cadence';
import type { Objective } from '$lib/bindings/Objective';
import type { ObjectiveInput } from '$lib/bindings/ObjectiveInput';
import type { ObjectiveMetric } from '$lib/bindings/ObjectiveMetric';
import type { ObjectiveStatus } from '$lib/bindings/ObjectiveStatus';

export const METRICS: ObjectiveMetric[] = [
	'each_person_visits',
	'each_team_hosts',
	'briefs_with_marketer',
	'mixed_trainings',
	'each_person_exchanges'
];
export const CADENCES: Cadence[] = ['month', 'quarter', 'year'];
export const STATUSES: ObjectiveStatus[] = ['on_track', 'at_risk', 'behind'];

/** Whether a metric's target is a percentage (otherwise a count per person or team). */
export function isPercent(metric: ObjectiveMetric): boolean {
	return metric === 'briefs_with_marketer' || metric === 'mixed_trainings';
}

/** Whether a metric counts per team (otherwise per person, or a share of activities). */
export function perTeam(metric: ObjectiveMetric): boolean {
	return metric === 'each_team_hosts';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The label of the `cadence` period containing `day` (`YYYY-MM-DD`). */
export function periodLabel(cadence: Cadence, day: string): string {
	const [y, m] = day.split('-').map(Number) as [number, number];
	switch (cadence) {
		case 'month':
			return `${y}-${pad(m)}`;
		case 'quarter':
			return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
		case 'year':
			return String(y);
	}
}

/** The cadence a label is written in, or `null` if it is not a period label. */
export function labelCadence(label: string): Cadence | null {
	if (/^\d{4}$/.test(label)) return 'year';
	if (/^\d{4}-Q[1-4]$/.test(label)) return 'quarter';
	if (/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) return 'month';
	return null;
}

/** The first day of a label's period (`null` for a bad label). */
export function labelStart(label: string): string | null {
	const cadence = labelCadence(label);
	const y = Number(label.slice(0, 4));
	switch (cadence) {
		case 'year':
			return `${y}-01-01`;
		case 'quarter':
			return `${y}-${pad((Number(label.slice(6)) - 1) * 3 + 1)}-01`;
		case 'month':
			return `${label}-01`;
		default:
			return null;
	}
}

/** The period of the same kind `step` periods after (or before, when negative) `label`. */
export function shiftLabel(label: string, step: number): string {
	const cadence = labelCadence(label);
	const start = labelStart(label);
	if (!cadence || !start) return label;
	const [y, m] = start.split('-').map(Number) as [number, number];
	const months = cadence === 'month' ? 1 : cadence === 'quarter' ? 3 : 12;
	const index = y * 12 + (m - 1) + step * months;
	return periodLabel(cadence, `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`);
}

/** A blank objective, quarterly from the start of the quarter containing `today`. */
export function blankInput(today: string): ObjectiveInput {
	return {
		title: '',
		department: 'marketing',
		metric: 'each_person_visits',
		target: 1,
		cadence: 'quarter',
		activeFrom: labelStart(periodLabel('quarter', today)) ?? today,
		activeTo: null
	};
}

/** The editable fields of a stored objective. */
export function toInput(o: Objective): ObjectiveInput {
	return {
		title: o.title,
		department: o.department,
		metric: o.metric,
		target: o.target,
		cadence: o.cadence,
		activeFrom: o.activeFrom,
		activeTo: o.activeTo
	};
}

/** The target a metric suggests when the form switches to it (a share for percentages, one for counts). */
export function defaultTarget(metric: ObjectiveMetric): number {
	return isPercent(metric) ? 80 : 1;
}

/** Counts each activity id once, keeping the first-seen order: `[id, times]`. */
export function tally(ids: readonly number[]): [number, number][] {
	const counts = new Map<number, number>();
	for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
	return [...counts];
}
