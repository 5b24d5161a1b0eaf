/**
 * Brief occurrences grouped into series and weeks, for the Briefs page (pure). Until the series commands exist, a
 * series is known by its `seriesId` (or, failing that, its title).
 */
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { ParticipantRecord } from '$lib/bindings/ParticipantRecord';
import type { PlanReason } from '$lib/bindings/PlanReason';
import type { Rota } from '$lib/bindings/Rota';
import { marketers, recordDays } from './activities';
import { dayDiff, localTime, startOfWeek, weekdayIndex, type Day } from './time';

export interface BriefOccurrence {
	record: ActivityRecord;
	day: Day;
	/** Index of its week from the first week shown. */
	week: number;
	marketers: ParticipantRecord[];
}

export interface BriefSeries {
	key: string;
	title: string;
	site: string | null;
	/** 0 = Monday. */
	weekday: number;
	time: string;
	occurrences: BriefOccurrence[];
	covered: number;
}

export function seriesKey(r: Pick<ActivityRecord, 'seriesId' | 'title'>): string {
	return r.seriesId !== null ? `s${r.seriesId}` : `t${r.title}`;
}

/** Groups non-cancelled briefs by series, sorted by title; weeks count from the Monday of `first`. */
export function groupBriefs(records: readonly ActivityRecord[], first: Day, locale: string): BriefSeries[] {
	const monday = startOfWeek(first);
	const groups = new Map<string, BriefSeries>();
	const sorted = [...records].filter((r) => r.kind === 'brief' && r.status !== 'cancelled').sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
	for (const r of sorted) {
		const key = seriesKey(r);
		const day = recordDays(r).first;
		let g = groups.get(key);
		if (!g) {
			g = { key, title: r.title, site: r.site, weekday: weekdayIndex(day), time: localTime(r.start, r.zone), occurrences: [], covered: 0 };
			groups.set(key, g);
		}
		const m = marketers(r);
		g.occurrences.push({ record: r, day, week: Math.floor(dayDiff(monday, day) / 7), marketers: m });
		if (m.length > 0) g.covered++;
	}
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	return [...groups.values()].sort((a, b) => collator.compare(a.title, b.title));
}

/** The occurrence of a series in a week, if any (the first one when there are several). */
export function inWeek(series: BriefSeries, week: number): BriefOccurrence | undefined {
	return series.occurrences.find((o) => o.week === week);
}

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Weekdays (0 = Monday) of a weekly RRULE's BYDAY, e.g. "FREQ=WEEKLY;BYDAY=MO,TH" → [0, 3]. */
export function rruleWeekdays(rrule: string): number[] {
	const m = /(?:^|;)BYDAY=([^;]+)/i.exec(rrule);
	if (!m || !m[1]) return [];
	return m[1]
		.split(',')
		.map((d) => BYDAY.indexOf(d.trim().slice(-2).toUpperCase()))
		.filter((i) => i >= 0)
		.sort((a, b) => a - b);
}

export interface RotaLine {
	activityId: number;
	start: string;
	kind: 'kept' | 'assigned' | 'gap';
	/** Marketers already there (kept) or suggested (assigned). */
	names: string[];
	/** Briefs of the suggested marketer over the last 90 days and planned, before this one. */
	load: number | null;
	/** Why this marketer, or why nobody (structured, for `reasonText`); empty for a kept occurrence. */
	reasons: PlanReason[];
	/** The same in English: the fallback when there are no structured reasons. */
	reason: string;
}

/** A rota preview as one line per occurrence, in date order. */
export function rotaLines(rota: Rota, occurrences: readonly ActivityRecord[]): RotaLine[] {
	const lines: RotaLine[] = [];
	for (const a of rota.assignments) {
		const line = lines.find((l) => l.activityId === a.activityId);
		if (line) {
			line.names.push(a.name);
			line.reasons.push(...a.reasons);
			line.reason = [line.reason, a.reason].filter((r) => r !== '').join('; ');
		} else lines.push({ activityId: a.activityId, start: a.start, kind: 'assigned', names: [a.name], load: a.load, reasons: [...a.reasons], reason: a.reason });
	}
	for (const g of rota.gaps) lines.push({ activityId: g.activityId, start: g.start, kind: 'gap', names: [], load: null, reasons: [...g.reasons], reason: g.reason });
	for (const id of rota.kept) {
		const occ = occurrences.find((o) => o.id === id);
		const names = occ ? marketers(occ).map((p) => p.name) : [];
		lines.push({ activityId: id, start: occ?.start ?? '', kind: 'kept', names, load: null, reasons: [], reason: '' });
	}
	return lines.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.activityId - b.activityId);
}
