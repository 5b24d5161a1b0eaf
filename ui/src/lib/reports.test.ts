import { describe, expect, it } from 'vitest';
import type { ParticipationRow } from '$lib/bindings/ParticipationRow';
import { periodFor, shiftPeriod, sortRows } from './reports';

describe('periodFor', () => {
	it('gives the month, quarter and year of a day', () => {
		expect(periodFor('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
		expect(periodFor('quarter', '2026-11-28')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
		expect(periodFor('quarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
		expect(periodFor('year', '2026-06-15')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
	});
	it('steps across years', () => {
		expect(shiftPeriod('quarter', '2026-01-15', -1)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
		expect(shiftPeriod('month', '2026-12-01', 1)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
		expect(shiftPeriod('year', '2026-12-01', -1)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
	});
});

describe('sortRows', () => {
	const row = (group: string, rate: number | null, visits: number): ParticipationRow => ({
		group,
		activePeople: 1,
		participants: 0,
		participationRate: rate,
		shadowingVisitor: visits,
		shadowingHost: 0,
		trainingsAttended: 0,
		trainingNoShows: 0,
		trainingExcused: 0,
		briefsAttended: 0,
		colocationDays: 0,
		exchanges: 0
	});
	it('sorts by text, number and missing rate', () => {
		const rows = [row('b', 0.5, 1), row('a', null, 3), row('c', 1, 2)];
		expect(sortRows(rows, 'group', 'asc').map((r) => r.group)).toEqual(['a', 'b', 'c']);
		expect(sortRows(rows, 'shadowingVisitor', 'desc').map((r) => r.group)).toEqual(['a', 'c', 'b']);
		expect(sortRows(rows, 'participationRate', 'asc').map((r) => r.group)).toEqual(['a', 'b', 'c']);
	});
});
