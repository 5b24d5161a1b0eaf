import { describe, expect, it } from 'vitest';
import type { Objective } from '$lib/bindings/Objective';
import { blankInput, defaultTarget, isPercent, labelCadence, labelStart, periodLabel, shiftLabel, tally, toInput } from './objectives';

describe('period labels', () => {
	it('name the month, quarter or year of a day as core parses them', () => {
		expect(periodLabel('quarter', '2026-11-28'), 'November is in Q4').toBe('2026-Q4');
		expect(periodLabel('quarter', '2027-01-01'), 'January is in Q1').toBe('2027-Q1');
		expect(periodLabel('month', '2027-03-09'), 'months are zero-padded').toBe('2027-03');
		expect(periodLabel('year', '2027-03-09')).toBe('2027');
	});
	it('know their cadence and first day, and refuse anything else', () => {
		expect(labelCadence('2027-Q1')).toBe('quarter');
		expect(labelCadence('2027-12')).toBe('month');
		expect(labelCadence('2027')).toBe('year');
		for (const bad of ['2027-Q5', '2027-13', '27', '2027-3', '']) {
			expect(labelCadence(bad), `${bad} is not a period label`).toBeNull();
		}
		expect(labelStart('2027-Q3'), 'Q3 starts in July').toBe('2027-07-01');
		expect(labelStart('2027-11')).toBe('2027-11-01');
		expect(labelStart('nope')).toBeNull();
	});
	it('step forward and back across years', () => {
		expect(shiftLabel('2027-Q1', -1), 'the quarter before Q1 is last year Q4').toBe('2026-Q4');
		expect(shiftLabel('2026-Q4', 1)).toBe('2027-Q1');
		expect(shiftLabel('2026-12', 1), 'December steps into January').toBe('2027-01');
		expect(shiftLabel('2027', -1)).toBe('2026');
		expect(shiftLabel('bad', 1), 'a bad label stays as it is').toBe('bad');
	});
});

describe('objective inputs', () => {
	it('start blank on the current quarter with a count target', () => {
		const input = blankInput('2026-11-28');
		expect(input.activeFrom, 'a new objective applies from the start of this quarter').toBe('2026-10-01');
		expect([input.cadence, input.target, input.activeTo]).toEqual(['quarter', 1, null]);
	});
	it('edit exactly the stored fields', () => {
		const o: Objective = {
			id: 3,
			title: 'Formations mixtes',
			department: 'marketing',
			metric: 'mixed_trainings',
			target: 80,
			cadence: 'quarter',
			activeFrom: '2026-01-01',
			activeTo: '2026-12-31',
			createdAt: '2026-01-01T00:00:00Z',
			updatedAt: '2026-01-01T00:00:00Z'
		};
		expect(toInput(o), 'ids and times are not part of the input').toEqual({
			title: 'Formations mixtes',
			department: 'marketing',
			metric: 'mixed_trainings',
			target: 80,
			cadence: 'quarter',
			activeFrom: '2026-01-01',
			activeTo: '2026-12-31'
		});
	});
	it('use a percentage for shares and a count otherwise', () => {
		expect(isPercent('briefs_with_marketer') && isPercent('mixed_trainings'), 'shares of activities').toBe(true);
		expect(isPercent('each_person_visits') || isPercent('each_team_hosts'), 'counts per person or team').toBe(false);
		expect([defaultTarget('mixed_trainings'), defaultTarget('each_team_hosts')]).toEqual([80, 1]);
	});
	it('tally activity ids once each, in first-seen order', () => {
		expect(tally([5, 3, 5, 9, 3, 5])).toEqual([
			[5, 3],
			[3, 2],
			[9, 1]
		]);
	});
});
