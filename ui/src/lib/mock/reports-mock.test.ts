import { describe, expect, it } from 'vitest';
import type { PersonRow } from '$lib/bindings/PersonRow';
import type { TrendPoint } from '$lib/bindings/TrendPoint';
import { mockReports } from './reports';

const people: PersonRow[] = [
	{ id: 1, fullName: 'A B', email: 'a@x.fr', department: 'marketing', team: 'Mk', siteId: null, siteName: null, managerId: null, managerName: null, active: true, anonymised: false },
	{ id: 2, fullName: 'C D', email: 'c@x.fr', department: 'sales', team: 'Sud', siteId: null, siteName: null, managerId: null, managerName: null, active: false, anonymised: false }
];
const ctx = { people: () => people, call: () => [] };

describe('mock report_trends', () => {
	it('cuts a quarter into ISO weeks and a year into months, as the core does', () => {
		const weeks = mockReports('report_trends', { from: '2027-01-01', to: '2027-03-31', step: null }, ctx) as TrendPoint[];
		expect(weeks.map((p) => p.label).slice(0, 2), '1 January 2027 is in ISO week 53 of 2026').toEqual(['2026-W53', '2027-W01']);
		expect(weeks.length, 'W53 then weeks 1 to 13').toBe(14);
		expect([weeks[0]?.to, weeks.at(-1)?.to], 'weeks end on Sundays, the last one on the period’s end').toEqual(['2027-01-03', '2027-03-31']);
		const months = mockReports('report_trends', { from: '2027-01-01', to: '2027-12-31', step: null }, ctx) as TrendPoint[];
		expect(months.map((p) => p.label)[11], 'a year comes by month').toBe('2027-12');
		expect([months[0]?.activePeople, months[0]?.participationRate], 'active people today, nobody took part').toEqual([1, 0]);
	});
});
