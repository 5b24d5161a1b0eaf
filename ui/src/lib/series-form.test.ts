import { describe, expect, it } from 'vitest';
import { buildRrule, draftFromSeries, emptyDraft, parseExdates, parseRrule, salesTeams, toSeriesInput, validateDraft } from './series-form';
import type { Series } from '$lib/bindings/Series';

describe('buildRrule', () => {
	it('builds a weekly rule with sorted unique days', () => {
		expect(buildRrule([3, 0, 3])).toBe('FREQ=WEEKLY;BYDAY=MO,TH');
		expect(buildRrule([0])).toBe('FREQ=WEEKLY;BYDAY=MO');
	});
	it('adds the interval only when above 1', () => {
		expect(buildRrule([1], 2)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU');
		expect(buildRrule([1], 1)).toBe('FREQ=WEEKLY;BYDAY=TU');
	});
});

describe('parseRrule', () => {
	it('reads weekdays and interval back', () => {
		expect(parseRrule('FREQ=WEEKLY;BYDAY=TH,MO')).toEqual({ weekdays: [0, 3], interval: 1 });
		expect(parseRrule('RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=FR')).toEqual({ weekdays: [4], interval: 3 });
		expect(parseRrule('FREQ=WEEKLY;BYDAY=1MO;INTERVAL=x')).toEqual({ weekdays: [0], interval: 1 });
	});
	it('round-trips', () => {
		const r = buildRrule([0, 2, 4], 2);
		expect(parseRrule(r)).toEqual({ weekdays: [0, 2, 4], interval: 2 });
	});
});

describe('parseExdates', () => {
	it('splits, sorts, dedupes and reports bad entries', () => {
		expect(parseExdates('2026-12-25, 2026-01-01\n2026-12-25 31/12')).toEqual({ days: ['2026-01-01', '2026-12-25'], invalid: ['31/12'] });
		expect(parseExdates('2026-02-30').invalid).toEqual(['2026-02-30']);
	});
});

describe('validateDraft and toSeriesInput', () => {
	it('flags fields by code', () => {
		const d = { ...emptyDraft('2026-01-05', 'Europe/Paris'), weekdays: [], localStart: '25:00', durationMinutes: 2, exdates: 'x' };
		expect(validateDraft(d)).toEqual({ team: 'required', rrule: 'required', localStart: 'invalid_time', durationMinutes: 'out_of_range', exdates: 'invalid_date' });
		expect(validateDraft({ ...d, team: 'A', weekdays: [0], interval: 0, localStart: '08:00', durationMinutes: 60, exdates: '' })).toEqual({ rrule: 'out_of_range' });
	});
	it('builds the input', () => {
		const d = { ...emptyDraft('2026-01-05', 'Europe/Paris'), team: ' Sud ', title: '', weekdays: [3, 0], interval: 2, exdates: '2026-04-06' };
		expect(validateDraft(d)).toEqual({});
		expect(toSeriesInput(d)).toEqual({
			title: '',
			team: 'Sud',
			siteId: null,
			location: '',
			rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
			firstDay: '2026-01-05',
			localStart: '08:30',
			durationMinutes: 45,
			timezone: 'Europe/Paris',
			exdates: ['2026-04-06']
		});
	});
	it('reads a series back into a draft', () => {
		const s: Series = { id: 1, title: 'T', team: 'Sud', siteId: 2, location: 'Salle', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2', firstDay: '2026-01-06', localStart: '09:00', durationMinutes: 30, timezone: 'Europe/Paris', exdates: ['2026-05-01'], uid: 'u', sequence: 0, createdAt: '', updatedAt: '' };
		const d = draftFromSeries(s);
		expect(d.weekdays).toEqual([1, 3]);
		expect(d.interval).toBe(2);
		expect(toSeriesInput(d).rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH');
		expect(toSeriesInput(d).exdates).toEqual(['2026-05-01']);
	});
});

describe('salesTeams', () => {
	it('lists active sales teams once', () => {
		const p = [
			{ team: 'Sud', department: 'sales', active: true },
			{ team: 'Nord', department: 'sales', active: true },
			{ team: 'Sud', department: 'sales', active: true },
			{ team: 'Ouest', department: 'sales', active: false },
			{ team: 'Brand', department: 'marketing', active: true }
		];
		expect(salesTeams(p, 'fr')).toEqual(['Nord', 'Sud']);
	});
});
