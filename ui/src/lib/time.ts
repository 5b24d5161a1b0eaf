/**
 * Days and zoned wall-clock times, as pure functions. Activities are stored as UTC instants plus the IANA zone they
 * were planned in; the UI reasons in local days ("YYYY-MM-DD") of that zone, like the Rust side does
 * (`schedule::halfday`). No Svelte, no IPC.
 */
import { now } from './clock';

/** A calendar day, ISO "YYYY-MM-DD". */
export type Day = string;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_DAY = 86_400_000;

export interface LocalParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
	let f = partFormatters.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit'
		});
		partFormatters.set(zone, f);
	}
	return f;
}

/** Wall-clock parts of an instant in `zone`. */
export function localParts(instant: string | number | Date, zone: string): LocalParts {
	const date = instant instanceof Date ? instant : new Date(instant);
	const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
	for (const p of partsFormatter(zone).formatToParts(date)) {
		if (p.type === 'year') out.year = Number(p.value);
		else if (p.type === 'month') out.month = Number(p.value);
		else if (p.type === 'day') out.day = Number(p.value);
		else if (p.type === 'hour') out.hour = Number(p.value) % 24;
		else if (p.type === 'minute') out.minute = Number(p.value);
	}
	return out;
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

export function dayOf(year: number, month: number, day: number): Day {
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function isDay(value: string): value is Day {
	const m = DAY_RE.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1;
}

function dayToUtcMs(day: Day): number {
	const m = DAY_RE.exec(day);
	if (!m) throw new RangeError(`not a day: ${day}`);
	return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function utcMsToDay(ms: number): Day {
	const d = new Date(ms);
	return dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The local day of an instant in `zone`. */
export function localDay(instant: string | number | Date, zone: string): Day {
	const p = localParts(instant, zone);
	return dayOf(p.year, p.month, p.day);
}

/** "HH:MM" of an instant in `zone`. */
export function localTime(instant: string | number | Date, zone: string): string {
	const p = localParts(instant, zone);
	return `${pad(p.hour)}:${pad(p.minute)}`;
}

export function addDays(day: Day, n: number): Day {
	return utcMsToDay(dayToUtcMs(day) + n * MS_DAY);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function dayDiff(a: Day, b: Day): number {
	return Math.round((dayToUtcMs(b) - dayToUtcMs(a)) / MS_DAY);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: Day): number {
	return (new Date(dayToUtcMs(day)).getUTCDay() + 6) % 7;
}

export function isWeekend(day: Day): boolean {
	return weekdayIndex(day) >= 5;
}

/** The Monday of the week of `day`. */
export function startOfWeek(day: Day): Day {
	return addDays(day, -weekdayIndex(day));
}

export function startOfMonth(day: Day): Day {
	return `${day.slice(0, 8)}01`;
}

/** `count` consecutive days from `first`. */
export function dayRange(first: Day, count: number): Day[] {
	const out: Day[] = [];
	for (let i = 0; i < count; i++) out.push(addDays(first, i));
	return out;
}

/** Offset of `zone` from UTC at `utcMs`, in minutes (Paris in winter: 60). */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
	const p = localParts(utcMs, zone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
	const floored = Math.floor(utcMs / 60_000) * 60_000;
	return Math.round((asUtc - floored) / 60_000);
}

/**
 * The instant of a wall-clock time on `day` in `zone`, as an RFC 3339 UTC string. In a spring-forward gap, the first
 * valid instant after it (as `schedule::halfday::local_instant` does); in the autumn overlap, the earlier one.
 */
export function zonedInstant(day: Day, hour: number, minute: number, zone: string): string {
	const wall = dayToUtcMs(day) + (hour * 60 + minute) * 60_000;
	// Try the offsets around the wall time; keep the earliest candidate that reads back as the wall time.
	const offsets = new Set([
		zoneOffsetMinutes(zone, wall - MS_DAY / 2),
		zoneOffsetMinutes(zone, wall),
		zoneOffsetMinutes(zone, wall + MS_DAY / 2)
	]);
	const candidates = [...offsets]
		.map((off) => wall - off * 60_000)
		.filter((ms) => {
			const p = localParts(ms, zone);
			return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
		})
		.sort((a, b) => a - b);
	if (candidates[0] !== undefined) return new Date(candidates[0]).toISOString().replace('.000Z', 'Z');
	// In a gap: move forward an hour at a time until the time exists.
	for (let h = 1; h <= 4; h++) {
		const later = zonedInstant(day, hour + h, minute, zone);
		if (later) return later;
	}
	return new Date(wall).toISOString().replace('.000Z', 'Z');
}

/**
 * Moves an instant by whole local days in `zone`, keeping its wall-clock time (a 9:00 meeting stays at 9:00 across a
 * daylight-saving change).
 */
export function shiftInstant(instant: string, days: number, zone: string): string {
	const p = localParts(instant, zone);
	const day = addDays(dayOf(p.year, p.month, p.day), days);
	// An all-day end at local midnight stays at midnight.
	return zonedInstant(day, p.hour, p.minute, zone);
}

/** The last local day an interval touches (its end is exclusive). */
export function lastDayOf(start: string, end: string, zone: string): Day {
	const s = new Date(start).getTime();
	const e = new Date(end).getTime();
	return localDay(e > s ? e - 1000 : s, zone);
}

/** Today in `zone`. */
export function today(zone: string, at: Date = now()): Day {
	return localDay(at, zone);
}

/** "HH:MM" → [hour, minute], or null. */
export function parseTime(value: string): [number, number] | null {
	const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
	if (!m) return null;
	const h = Number(m[1]);
	const min = Number(m[2]);
	if (h > 23 || min > 59) return null;
	return [h, min];
}
