import { describe, expect, it } from 'vitest';
import {
	addDays,
	dayDiff,
	isDay,
	lastDayOf,
	localDay,
	localTime,
	parseTime,
	shiftInstant,
	startOfWeek,
	weekdayIndex,
	zonedInstant
} from './time';

describe('zoned days', () => {
	it('turns a Paris wall-clock time into the right UTC instant, winter and summer', () => {
		expect(zonedInstant('2027-01-12', 9, 0, 'Europe/Paris'), 'Paris is UTC+1 in winter').toBe('2027-01-12T08:00:00Z');
		expect(zonedInstant('2027-07-12', 9, 0, 'Europe/Paris'), 'Paris is UTC+2 in summer').toBe('2027-07-12T07:00:00Z');
		expect(zonedInstant('2027-07-12', 9, 0, 'America/Martinique'), 'Martinique is UTC-4 all year').toBe(
			'2027-07-12T13:00:00Z'
		);
	});

	it('moves a time that does not exist (spring forward) to the first valid instant, as the core does', () => {
		// 2027-03-28 02:30 does not exist in Paris: clocks jump from 02:00 to 03:00.
		expect(zonedInstant('2027-03-28', 2, 30, 'Europe/Paris'), 'the gap resolves forward, like local_instant').toBe(
			'2027-03-28T01:30:00Z'
		);
	});

	it('reads the local day and time of an instant in its zone, not in UTC', () => {
		expect(localDay('2027-01-11T23:30:00Z', 'Europe/Paris'), 'half past midnight in Paris is already the 12th').toBe(
			'2027-01-12'
		);
		expect(localTime('2027-01-11T23:30:00Z', 'Europe/Paris'), 'and it is 00:30 there').toBe('00:30');
	});

	it('gives the last day of an interval whose end is exclusive', () => {
		const start = zonedInstant('2027-01-12', 0, 0, 'Europe/Paris');
		const end = zonedInstant('2027-01-13', 0, 0, 'Europe/Paris');
		expect(lastDayOf(start, end, 'Europe/Paris'), 'an all-day item ending at next midnight covers one day').toBe(
			'2027-01-12'
		);
	});

	it('keeps the wall-clock time when moving across a daylight-saving change', () => {
		const friday = zonedInstant('2027-03-26', 9, 0, 'Europe/Paris');
		expect(shiftInstant(friday, 3, 'Europe/Paris'), 'a 9:00 meeting moved to Monday stays at 9:00 Paris time').toBe(
			zonedInstant('2027-03-29', 9, 0, 'Europe/Paris')
		);
		const midnight = zonedInstant('2027-03-27', 0, 0, 'Europe/Paris');
		expect(shiftInstant(midnight, 1, 'Europe/Paris'), 'an all-day start stays at local midnight').toBe(
			zonedInstant('2027-03-28', 0, 0, 'Europe/Paris')
		);
	});
});

describe('day arithmetic', () => {
	it('adds and compares days across months and years', () => {
		expect(addDays('2026-12-30', 3), 'days roll over the year').toBe('2027-01-02');
		expect(dayDiff('2027-02-27', '2027-03-01'), '2027 is not a leap year').toBe(2);
		expect(dayDiff('2028-02-27', '2028-03-01'), '2028 is a leap year').toBe(3);
	});

	it('knows weekdays and weeks start on Monday', () => {
		expect(weekdayIndex('2027-01-11'), '11 Jan 2027 is a Monday').toBe(0);
		expect(weekdayIndex('2027-01-17'), '17 Jan 2027 is a Sunday').toBe(6);
		expect(startOfWeek('2027-01-17'), 'French weeks start on Monday').toBe('2027-01-11');
	});

	it('validates days and times', () => {
		expect(isDay('2027-02-29'), 'there is no 29 February in 2027').toBe(false);
		expect(isDay('2028-02-29'), 'there is one in 2028').toBe(true);
		expect(parseTime('8:05'), 'a one-digit hour is fine').toEqual([8, 5]);
		expect(parseTime('24:00'), 'hours stop at 23').toBeNull();
	});
});
