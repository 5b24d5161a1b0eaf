/**
 * The "New series" / "Edit from a date" form of the Briefs page as pure functions: the form's draft, the RRULE it
 * builds (`FREQ=WEEKLY;BYDAY=MO,TH[;INTERVAL=2]`), parsing an existing RRULE back, and the checks done before sending.
 */
import type { Series } from '$lib/bindings/Series';
import type { SeriesInput } from '$lib/bindings/SeriesInput';

export const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface SeriesDraft {
	team: string;
	title: string;
	siteId: number | null;
	location: string;
	/** 0 = Monday … 6 = Sunday. */
	weekdays: number[];
	/** Every N weeks (1 = every week). */
	interval: number;
	firstDay: string;
	localStart: string;
	durationMinutes: number;
	timezone: string;
	/** Exception days, one per line or separated by commas / spaces (YYYY-MM-DD). */
	exdates: string;
}

export function emptyDraft(firstDay: string, timezone: string): SeriesDraft {
	return { team: '', title: '', siteId: null, location: '', weekdays: [0], interval: 1, firstDay, localStart: '08:30', durationMinutes: 45, timezone, exdates: '' };
}

/** Weekdays (0 = Monday) and interval → a weekly RRULE, e.g. ([0, 3], 2) → "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH". */
export function buildRrule(weekdays: readonly number[], interval = 1): string {
	const days = [...new Set(weekdays)]
		.filter((d) => Number.isInteger(d) && d >= 0 && d < 7)
		.sort((a, b) => a - b)
		.map((d) => BYDAY[d]);
	const every = Number.isInteger(interval) && interval > 1 ? `;INTERVAL=${interval}` : '';
	return `FREQ=WEEKLY${every};BYDAY=${days.join(',')}`;
}

/** A weekly RRULE → its weekdays (0 = Monday, sorted) and interval (1 when absent or unreadable). */
export function parseRrule(rrule: string): { weekdays: number[]; interval: number } {
	const parts = new Map<string, string>();
	for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
		const [k, v] = part.split('=');
		if (k && v !== undefined) parts.set(k.trim().toUpperCase(), v.trim());
	}
	const weekdays = [
		...new Set(
			(parts.get('BYDAY') ?? '')
				.split(',')
				.map((d) => (BYDAY as readonly string[]).indexOf(d.trim().slice(-2).toUpperCase()))
				.filter((i) => i >= 0)
		)
	].sort((a, b) => a - b);
	const n = Number(parts.get('INTERVAL') ?? '1');
	return { weekdays, interval: Number.isInteger(n) && n >= 1 ? n : 1 };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(s: string): boolean {
	if (!DAY.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The exception days typed in the form, sorted and without duplicates; `invalid` lists what is not a day. */
export function parseExdates(text: string): { days: string[]; invalid: string[] } {
	const tokens = text.split(/[\s,;]+/).filter((x) => x.length > 0);
	const days = [...new Set(tokens.filter(isDay))].sort();
	return { days, invalid: tokens.filter((x) => !isDay(x)) };
}

export function isTime(s: string): boolean {
	const m = /^(\d{2}):(\d{2})$/.exec(s);
	return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

/** Field (as the Rust side names it) → error code, for what can be checked before sending. */
export function validateDraft(d: SeriesDraft): Record<string, string> {
	const out: Record<string, string> = {};
	if (!d.team.trim()) out.team = 'required';
	if (d.weekdays.length === 0) out.rrule = 'required';
	else if (!Number.isInteger(d.interval) || d.interval < 1 || d.interval > 52) out.rrule = 'out_of_range';
	if (!isDay(d.firstDay)) out.firstDay = 'required';
	if (!isTime(d.localStart)) out.localStart = 'invalid_time';
	if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < 5 || d.durationMinutes > 480) out.durationMinutes = 'out_of_range';
	if (!d.timezone.trim()) out.timezone = 'required';
	if (parseExdates(d.exdates).invalid.length) out.exdates = 'invalid_date';
	return out;
}

export function toSeriesInput(d: SeriesDraft): SeriesInput {
	return {
		title: d.title.trim(),
		team: d.team.trim(),
		siteId: d.siteId,
		location: d.location.trim(),
		rrule: buildRrule(d.weekdays, d.interval),
		firstDay: d.firstDay,
		localStart: d.localStart,
		durationMinutes: d.durationMinutes,
		timezone: d.timezone,
		exdates: parseExdates(d.exdates).days
	};
}

export function draftFromSeries(s: Series): SeriesDraft {
	const { weekdays, interval } = parseRrule(s.rrule);
	return {
		team: s.team,
		title: s.title,
		siteId: s.siteId,
		location: s.location,
		weekdays,
		interval,
		firstDay: s.firstDay,
		localStart: s.localStart,
		durationMinutes: s.durationMinutes,
		timezone: s.timezone,
		exdates: s.exdates.join('\n')
	};
}

/** Sales teams with at least one active member, sorted. */
export function salesTeams(people: readonly { team: string; department: string; active: boolean }[], locale: string): string[] {
	const teams = new Set(people.filter((p) => p.active && p.department === 'sales' && p.team.trim()).map((p) => p.team.trim()));
	return [...teams].sort((a, b) => a.localeCompare(b, locale, { numeric: true }));
}
