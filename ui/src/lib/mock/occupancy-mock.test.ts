import { describe, expect, it } from 'vitest';
import { SchedulingMock } from './scheduling';
import type { DayOccupancy } from '$lib/bindings/DayOccupancy';

const dir = {
	people: [
		{ id: 1, fullName: 'A B', email: 'a@x.fr', department: 'sales' as const, team: 'Sud', siteId: 1, managerId: null, active: true }
	],
	sites: [{ id: 1, name: 'Lyon CRC', timezone: 'Europe/Paris', seats: 4, isCrc: true }]
};

describe('mock site_occupancy', () => {
	it('answers one entry per day, inclusive, with the site seats', () => {
		const m = new SchedulingMock(dir);
		const days = m.handle('site_occupancy', { siteId: 1, first: '2027-01-11', last: '2027-01-13' }) as DayOccupancy[];
		expect(days.map((d) => d.day)).toEqual(['2027-01-11', '2027-01-12', '2027-01-13']);
		expect(days.every((d) => d.seats === 4 && d.used >= 0)).toBe(true);
		expect(() => m.handle('site_occupancy', { siteId: 99, first: '2027-01-11', last: '2027-01-11' })).toThrow();
	});
});
