/**
 * The UI's one clock. Core decides with the `now` the shell passes in; when the app runs with its clock fixed
 * (`UNISSON_NOW`, for tests and demos), `app_info` says so and every page takes the same instant as "today", so the
 * board, the calendar and the period pickers agree with what core computed.
 */
let fixedAt: number | null = null;

/** Fixes the clock at an RFC 3339 instant, or lets it follow the system clock again (`null`). */
export function setFixedNow(instant: string | null | undefined): void {
	const ms = instant ? Date.parse(instant) : NaN;
	fixedAt = Number.isNaN(ms) ? null : ms;
}

/** Milliseconds since the epoch, as `Date.now()`, but fixed when the app's clock is. */
export function nowMs(): number {
	return fixedAt ?? Date.now();
}

/** The current instant, as `new Date()`, but fixed when the app's clock is. */
export function now(): Date {
	return new Date(nowMs());
}
