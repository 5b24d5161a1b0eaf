/**
 * Activity logic shared by the Calendar, Planning, Trainings and Briefs pages, as pure functions: kinds and their
 * look, shadowing direction, half-day hours, lifecycle moves, filters, and conversions between records and inputs.
 * It mirrors the Rust rules where the UI needs them before asking the server (the server stays the reference).
 */
import type { ActivityInput } from '$lib/bindings/ActivityInput';
import type { ActivityKind } from '$lib/bindings/ActivityKind';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { ActivityStatus } from '$lib/bindings/ActivityStatus';
import type { Department } from '$lib/bindings/Department';
import type { HalfDay } from '$lib/bindings/HalfDay';
import type { ParticipantRecord } from '$lib/bindings/ParticipantRecord';
import type { ParticipationStatus } from '$lib/bindings/ParticipationStatus';
import type { PersonRow } from '$lib/bindings/PersonRow';
import type { Role } from '$lib/bindings/Role';
import { lastDayOf, localDay, zonedInstant, type Day } from './time';

export const KINDS: readonly ActivityKind[] = ['shadowing', 'training', 'brief', 'colocation'];
export const HALF_DAYS: readonly HalfDay[] = ['am', 'pm', 'full'];
export const STATUSES: readonly ActivityStatus[] = ['proposed', 'planned', 'confirmed', 'done', 'cancelled'];

/** Icon names (see components/Icon.svelte) of each kind: the shape tells the kinds apart without colour. */
export const KIND_ICON = {
	shadowing: 'shadowing',
	training: 'trainings',
	brief: 'briefs',
	colocation: 'colocation'
} as const satisfies Record<ActivityKind, string>;

/** Local hours of a half-day, as in `schedule::halfday::hours`. */
export const HALF_DAY_HOURS: Record<HalfDay, [[number, number], [number, number]]> = {
	am: [
		[9, 0],
		[12, 30]
	],
	pm: [
		[13, 30],
		[17, 30]
	],
	full: [
		[9, 0],
		[17, 30]
	]
};

/** The instants bounding a half-day on `day` in `zone`. */
export function halfDayBounds(day: Day, half: HalfDay, zone: string): { start: string; end: string } {
	const [[sh, sm], [eh, em]] = HALF_DAY_HOURS[half];
	return { start: zonedInstant(day, sh, sm, zone), end: zonedInstant(day, eh, em, zone) };
}

/** Local midnight to the next local midnight. */
export function wholeDayBounds(first: Day, last: Day, zone: string): { start: string; end: string } {
	const end = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	return { start: zonedInstant(first, 0, 0, zone), end: zonedInstant(end, 0, 0, zone) };
}

/** Whether a participant with this status is expected to be there (as `schedule::coming`). */
export function coming(status: ParticipationStatus): boolean {
	return !['declined', 'cancelled', 'waitlisted', 'no_show', 'excused'].includes(status);
}

/** The field side of the house: sales and the customer-relations centre. */
export function isField(d: Department): boolean {
	return d === 'sales' || d === 'crc';
}

/**
 * The direction of a shadowing day, or null when it is not an exchange between marketing and the field (as
 * `schedule::direction`).
 */
export function direction(visitor: Department, host: Department): { from: Department; to: Department } | null {
	const ok = (visitor === 'marketing' && isField(host)) || (isField(visitor) && host === 'marketing');
	return ok ? { from: visitor, to: host } : null;
}

/** Lifecycle moves, as `schedule::lifecycle::allowed`. */
export function canMove(from: ActivityStatus, to: ActivityStatus): boolean {
	if (from === to) return true;
	switch (from) {
		case 'proposed':
			return to === 'planned' || to === 'confirmed' || to === 'cancelled';
		case 'planned':
			return to === 'proposed' || to === 'confirmed' || to === 'done' || to === 'cancelled';
		case 'confirmed':
			return to === 'planned' || to === 'done' || to === 'cancelled';
		default:
			return false;
	}
}

export type LifecycleAction = 'confirm' | 'done' | 'cancel';

/**
 * The lifecycle buttons an activity offers: confirm while it is not yet confirmed, mark done once it has started,
 * cancel until it is history.
 */
export function lifecycleActions(record: Pick<ActivityRecord, 'status' | 'start'>, now: Date): LifecycleAction[] {
	const out: LifecycleAction[] = [];
	if (record.status === 'proposed' || record.status === 'planned') out.push('confirm');
	if (record.status !== 'done' && canMove(record.status, 'done') && Date.parse(record.start) <= now.getTime()) out.push('done');
	if (canMove(record.status, 'cancelled') && record.status !== 'cancelled') out.push('cancel');
	return out;
}

export function statusFor(action: LifecycleAction): ActivityStatus {
	return action === 'confirm' ? 'confirmed' : action === 'done' ? 'done' : 'cancelled';
}

/** Participants of a role who are coming. */
export function withRole(record: Pick<ActivityRecord, 'participants'>, role: Role): ParticipantRecord[] {
	return record.participants.filter((p) => p.role === role && coming(p.status));
}

/** Marketing attendees who are coming (for briefs). */
export function marketers(record: Pick<ActivityRecord, 'participants'>): ParticipantRecord[] {
	return record.participants.filter((p) => p.department === 'marketing' && coming(p.status));
}

export interface TrainingRoster {
	trainers: ParticipantRecord[];
	/** Attendees holding a seat (invited, accepted, tentative, attended, ...). */
	seated: ParticipantRecord[];
	/** Waiting for a seat, first come first served: by `changedAt`, then in the order they were added. */
	waitlist: ParticipantRecord[];
	/** Declined, removed, no-show, excused. */
	out: ParticipantRecord[];
	capacity: number | null;
	marketingShare: number;
	salesShare: number;
}

/**
 * Waitlisted people in the order the core promotes them (`participations::waitlist`: `changed_at`, then the
 * participation id). Records list participants by participation id, so equal times keep the given order.
 */
export function waitlistOrder(waitlisted: readonly ParticipantRecord[]): ParticipantRecord[] {
	const at = (p: ParticipantRecord) => {
		const ms = Date.parse(p.changedAt);
		return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
	};
	return waitlisted
		.map((p, i) => ({ p, i, at: at(p) }))
		.sort((a, b) => (a.at === b.at ? a.i - b.i : a.at < b.at ? -1 : 1))
		.map(({ p }) => p);
}

export function trainingRoster(record: Pick<ActivityRecord, 'participants' | 'capacity'>): TrainingRoster {
	const trainers = record.participants.filter((p) => p.role === 'trainer' || p.role === 'organizer');
	const attendees = record.participants.filter((p) => p.role !== 'trainer' && p.role !== 'organizer');
	const seated = attendees.filter((p) => coming(p.status));
	const waitlist = waitlistOrder(attendees.filter((p) => p.status === 'waitlisted'));
	const out = attendees.filter((p) => !coming(p.status) && p.status !== 'waitlisted');
	const share = (d: Department) =>
		seated.length === 0 ? 0 : Math.floor((seated.filter((p) => p.department === d).length * 100) / seated.length);
	return {
		trainers,
		seated,
		waitlist,
		out,
		capacity: record.capacity,
		marketingShare: share('marketing'),
		salesShare: share('sales')
	};
}

/** Everyone who attended, for a default sign-off: those expected are marked attended. */
export function defaultMarks(record: Pick<ActivityRecord, 'participants'>): Map<number, ParticipationStatus> {
	const marks = new Map<number, ParticipationStatus>();
	for (const p of record.participants) {
		if (p.role === 'organizer') continue;
		if (p.status === 'attended' || p.status === 'no_show' || p.status === 'excused') marks.set(p.personId, p.status);
		else if (coming(p.status)) marks.set(p.personId, 'attended');
	}
	return marks;
}

/** What a "new activity" form starts from (a board cell, a calendar day, a person). */
export interface ActivityPreset {
	kind?: ActivityKind;
	day?: Day;
	personId?: number;
	siteId?: number;
}

// ---------- filters ----------

/** '' = any. */
export interface ActivityFilter {
	department: Department | '';
	team: string;
	/** '' = any site, or a site id. */
	site: number | '';
	kinds: readonly ActivityKind[];
	showCancelled: boolean;
}

export const EMPTY_ACTIVITY_FILTER: ActivityFilter = {
	department: '',
	team: '',
	site: '',
	kinds: KINDS,
	showCancelled: false
};

/**
 * An activity matches when its kind is shown, its site is the one chosen, and someone taking part is in the chosen
 * department and team.
 */
export function matchesActivity(record: ActivityRecord, filter: ActivityFilter): boolean {
	if (!filter.kinds.includes(record.kind)) return false;
	if (!filter.showCancelled && record.status === 'cancelled') return false;
	if (filter.site !== '' && record.siteId !== filter.site) return false;
	if (filter.department === '' && filter.team === '') return true;
	return record.participants.some(
		(p) =>
			coming(p.status) &&
			(filter.department === '' || p.department === filter.department) &&
			(filter.team === '' || p.team === filter.team)
	);
}

export function filterActivities(records: readonly ActivityRecord[], filter: ActivityFilter): ActivityRecord[] {
	return records.filter((r) => matchesActivity(r, filter));
}

/** People filter of the board: department, team, site, and a search already applied by the caller. */
export function matchesPerson(
	person: PersonRow,
	filter: Pick<ActivityFilter, 'department' | 'team' | 'site'>
): boolean {
	if (!person.active) return false;
	if (filter.department !== '' && person.department !== filter.department) return false;
	if (filter.team !== '' && person.team !== filter.team) return false;
	if (filter.site !== '' && person.siteId !== filter.site) return false;
	return true;
}

// ---------- record ↔ input ----------

/** The input that reproduces a record (for edits that change only some fields). */
export function recordToInput(record: ActivityRecord): ActivityInput {
	return {
		kind: record.kind,
		title: record.title,
		description: record.description,
		siteId: record.siteId,
		location: record.location,
		start: record.start,
		end: record.end,
		timezone: record.zone,
		allDay: record.allDay,
		status: record.status,
		organizerId: record.organizerId,
		halfDay: record.halfDay,
		capacity: record.capacity,
		mixMinMarketing: record.mixMinMarketing,
		mixMinSales: record.mixMinSales,
		seriesId: record.seriesId,
		goals: record.goals,
		participants: record.participants.map((p) => ({ personId: p.personId, role: p.role, status: p.status }))
	};
}

/** The local first and last day of a record, in its zone. */
export function recordDays(record: Pick<ActivityRecord, 'start' | 'end' | 'zone'>): { first: Day; last: Day } {
	return { first: localDay(record.start, record.zone), last: lastDayOf(record.start, record.end, record.zone) };
}

/** Sorts people for pickers and rows: by name for the locale, then id. */
export function byName(locale: string): (a: { fullName: string; id: number }, b: { fullName: string; id: number }) => number {
	const collator = new Intl.Collator(locale, { sensitivity: 'base' });
	return (a, b) => collator.compare(a.fullName, b.fullName) || a.id - b.id;
}

/** Distinct teams of the given people, sorted. */
export function teamsOf(people: readonly PersonRow[], locale: string): string[] {
	const set = new Set<string>();
	for (const p of people) if (p.team.trim()) set.add(p.team.trim());
	return [...set].sort(new Intl.Collator(locale, { sensitivity: 'base' }).compare);
}
