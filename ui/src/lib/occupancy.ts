/** Seats per site and day on the Planning board (issue 3): pure helpers. */
import type { DayOccupancy } from '$lib/bindings/DayOccupancy';

export type OccupancyLevel = 'ok' | 'full' | 'over';

/** `full` when every seat is taken, `over` when more are taken than the site has. */
export function occupancyLevel(used: number, seats: number): OccupancyLevel {
	if (used > seats) return 'over';
	if (used === seats) return 'full';
	return 'ok';
}

/** The sites that get a seats row: those with desks, the CRC first, then by name. */
export function seatedSites<S extends { id: number; name: string; seats: number; isCrc: boolean }>(sites: readonly S[]): S[] {
	return sites
		.filter((s) => s.seats > 0)
		.sort((a, b) => Number(b.isCrc) - Number(a.isCrc) || a.name.localeCompare(b.name));
}

/** One site's seats row as the board draws it. */
export interface OccupancyRow {
	siteId: number;
	name: string;
	/** Day → seats taken and seats available. */
	days: ReadonlyMap<string, DayOccupancy>;
}

/** Indexes one site's days by date. */
export function occupancyRow(siteId: number, name: string, days: readonly DayOccupancy[]): OccupancyRow {
	return { siteId, name, days: new Map(days.map((d) => [d.day, d])) };
}
