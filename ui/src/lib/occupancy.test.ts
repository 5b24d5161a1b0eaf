import { describe, expect, it } from 'vitest';
import { occupancyLevel, occupancyRow, seatedSites } from './occupancy';

describe('occupancyLevel', () => {
	it('is ok below the seats, full at them and over above', () => {
		expect(occupancyLevel(0, 2)).toBe('ok');
		expect(occupancyLevel(1, 2)).toBe('ok');
		expect(occupancyLevel(2, 2)).toBe('full');
		expect(occupancyLevel(3, 2)).toBe('over');
	});
	it('treats a seatless site with people as over', () => {
		expect(occupancyLevel(0, 0)).toBe('full');
		expect(occupancyLevel(1, 0)).toBe('over');
	});
});

describe('seatedSites', () => {
	it('keeps sites with seats, the CRC first then by name', () => {
		const sites = [
			{ id: 1, name: 'Paris', seats: 10, isCrc: false },
			{ id: 2, name: 'Annecy', seats: 0, isCrc: false },
			{ id: 3, name: 'Lyon CRC', seats: 4, isCrc: true },
			{ id: 4, name: 'Bordeaux', seats: 3, isCrc: false }
		];
		expect(seatedSites(sites).map((s) => s.id)).toEqual([3, 4, 1]);
	});
});

describe('occupancyRow', () => {
	it('indexes the days by date', () => {
		const row = occupancyRow(3, 'Lyon CRC', [
			{ day: '2027-01-11', used: 1, seats: 4 },
			{ day: '2027-01-12', used: 4, seats: 4 }
		]);
		expect(row.days.get('2027-01-12')?.used).toBe(4);
		expect(row.days.has('2027-01-13')).toBe(false);
	});
});
