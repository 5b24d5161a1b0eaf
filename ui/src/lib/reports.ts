/**
 * Pure helpers of the Reports page: report periods (month, quarter, year, custom), the table's figure columns and
 * the CSV header of the table (labels in the user's language, keyed by the CLI's field names).
 */
import type { Metric } from '$lib/bindings/Metric';
import type { ParticipationRow } from '$lib/bindings/ParticipationRow';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';
export interface ReportPeriod {
	from: string;
	to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Days in a month (`month` 1–12). */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The month, quarter or year containing `day` (`YYYY-MM-DD`); `custom` gives the day itself. */
export function periodFor(kind: PeriodKind, day: string): ReportPeriod {
	const [y, m] = day.split('-').map(Number) as [number, number];
	switch (kind) {
		case 'month':
			return { from: ymd(y, m, 1), to: ymd(y, m, lastDay(y, m)) };
		case 'quarter': {
			const first = Math.floor((m - 1) / 3) * 3 + 1;
			return { from: ymd(y, first, 1), to: ymd(y, first + 2, lastDay(y, first + 2)) };
		}
		case 'year':
			return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
		case 'custom':
			return { from: day, to: day };
	}
}

/** The period of the same kind just before (`step` -1) or after (+1) the one containing `day`. */
export function shiftPeriod(kind: Exclude<PeriodKind, 'custom'>, day: string, step: 1 | -1): ReportPeriod {
	const [y, m] = day.split('-').map(Number) as [number, number];
	const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
	const index = y * 12 + (m - 1) + step * months;
	return periodFor(kind, ymd(Math.floor(index / 12), (index % 12) + 1, 1));
}

/** A figure column of the table: the row field and, when it has a drill-down, the metric behind it. */
export interface FigureColumn {
	key: Exclude<keyof ParticipationRow, 'group' | 'participationRate'>;
	metric: Metric | null;
}

export const FIGURES: FigureColumn[] = [
	{ key: 'activePeople', metric: null },
	{ key: 'participants', metric: 'exchanges' },
	{ key: 'shadowingVisitor', metric: 'shadowingVisitor' },
	{ key: 'shadowingHost', metric: 'shadowingHost' },
	{ key: 'trainingsAttended', metric: 'trainingsAttended' },
	{ key: 'trainingNoShows', metric: 'trainingNoShows' },
	{ key: 'briefsAttended', metric: 'briefsAttended' },
	{ key: 'colocationDays', metric: 'colocationDays' }
];

export type SortKey = 'group' | 'participationRate' | FigureColumn['key'];

/** Rows sorted by a column (groups by name, then figures; a missing rate sorts first ascending). */
export function sortRows(rows: ParticipationRow[], key: SortKey, dir: 'asc' | 'desc'): ParticipationRow[] {
	const sign = dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const x = a[key];
		const y = b[key];
		const c =
			typeof x === 'string' && typeof y === 'string'
				? x.localeCompare(y, 'fr')
				: ((x as number | null) ?? -1) - ((y as number | null) ?? -1);
		return c * sign || a.group.localeCompare(b.group, 'fr');
	});
}

/** The columns of the participation CSV, named as the CLI's JSON fields (the core refuses a missing or unknown one). */
export const CSV_COLUMNS: SortKey[] = ['group', 'activePeople', 'participants', 'participationRate', ...FIGURES.slice(2).map((f) => f.key)];

/** The CSV header in the user's language: each column's field name → its label, as the export command takes it. */
export function csvHeader(label: (key: SortKey) => string): Record<string, string> {
	return Object.fromEntries(CSV_COLUMNS.map((key) => [key, label(key)]));
}
