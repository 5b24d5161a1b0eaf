/**
 * Brief occurrences grouped into series and weeks, for the Briefs page (pure). Until the series commands exist, a
 * series is known by its `seriesId` (or, failing that, its title).
 */
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { ParticipantRecord } from '$lib/bindings/ParticipantRecord';
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
