import { describe, expect, it } from 'vitest';
import type { ClashRule } from './bindings/ClashRule';
import type { Finding } from './bindings/Finding';
import { CLASH_RULES, findingMessage, formatDays, hasErrors, ruleLabel, sortFindings } from './findings';
import { LOCALES } from './i18n/translate';

function finding(rule: ClashRule, extra: Partial<Finding> = {}): Finding {
	return {
		rule,
		severity: 'warning',
		message: 'SERVER ENGLISH',
		people: [],
		personNames: [],
		dates: [],
		activities: [],
		activityTitles: [],
		limit: null,
		department: null,
		reason: null,
		...extra
	};
}

/** A realistic finding for each rule, as the Rust check builds them. */
const SAMPLES: Record<ClashRule, Finding> = {
	double_booking: finding('double_booking', {
		severity: 'error',
		people: [7],
		personNames: ['Hélène Dupont'],
		dates: ['2027-01-12'],
		activities: [3],
		activityTitles: ['Brief hebdo – Ventes Sud-Ouest']
	}),
	absence: finding('absence', { severity: 'error', people: [7], personNames: ['Hélène Dupont'], dates: ['2027-01-12', '2027-01-13'] }),
	holiday: finding('holiday', { dates: ['2027-05-01'] }),
	host_capacity: finding('host_capacity', {
		people: [9],
		personNames: ['Noël Lefèvre'],
		dates: ['2027-01-12'],
		limit: 1,
		activities: [4],
		activityTitles: ['Vis ma vie : Zoé Martin chez Noël Lefèvre']
	}),
	training_capacity: finding('training_capacity', { severity: 'error', limit: 16, dates: ['2027-01-12'] }),
	seats: finding('seats', { severity: 'error', limit: 24, dates: ['2027-01-12'] }),
	weekend: finding('weekend', { dates: ['2027-01-16'] }),
	brief_without_marketer: finding('brief_without_marketer', { dates: ['2027-01-12'] }),
	mix_rule: finding('mix_rule', { limit: 30, department: 'marketing', message: '20% marketing participants, below the 30% this training asks for' }),
	inactive_person: finding('inactive_person', { severity: 'error', people: [5], personNames: ['Loïc Garnier'] })
};

describe('finding messages', () => {
	it('translate every rule in every language, never showing the server’s English', () => {
		for (const locale of LOCALES) {
			for (const rule of CLASH_RULES) {
				const text = findingMessage(locale, SAMPLES[rule]);
				expect(text, `${locale}/${rule}: the UI builds its own sentence`).not.toContain('SERVER ENGLISH');
				expect(text.trim().length, `${locale}/${rule}: the sentence must say something`).toBeGreaterThan(10);
				expect(text, `${locale}/${rule}: no placeholder may stay unfilled`).not.toMatch(/\{\w+\}/);
				expect(ruleLabel(locale, rule), `${locale}/${rule}: the rule has a short name`).not.toBe(rule);
			}
		}
	});

	it('name the people, the activity and the dates they carry', () => {
		const fr = findingMessage('fr', SAMPLES.double_booking);
		expect(fr, 'the person is named').toContain('Hélène Dupont');
		expect(fr, 'the clashing activity is named, with French quotes').toContain('« Brief hebdo – Ventes Sud-Ouest »');
		expect(fr, 'the date is written for a French reader').toContain('12 janv.');
		const en = findingMessage('en', SAMPLES.double_booking);
		expect(en, 'English quotes the activity with curly quotes').toContain('“Brief hebdo – Ventes Sud-Ouest”');
		expect(en, 'the date is written for an English reader, day first').toContain('12 Jan');
	});

	it('say how many visitors a host may receive, with the right plural', () => {
		expect(findingMessage('fr', SAMPLES.host_capacity), 'a limit of one reads “plus d’un visiteur”').toContain(
			'plus d’un visiteur'
		);
		expect(
			findingMessage('en', { ...SAMPLES.host_capacity, limit: 2 }),
			'a limit of two reads “more than 2 visitors”'
		).toContain('more than 2 visitors');
		expect(findingMessage('en', SAMPLES.host_capacity), 'the visit already planned is named').toContain(
			'Already planned: “Vis ma vie : Zoé Martin chez Noël Lefèvre”'
		);
	});

	it('tell which side a mix rule misses, from the finding’s department', () => {
		expect(findingMessage('fr', SAMPLES.mix_rule), 'French names the missing side and the minimum').toContain(
			'30 % de participants du marketing'
		);
		expect(
			findingMessage('en', { ...SAMPLES.mix_rule, department: 'sales', message: '20% marketing participants' }),
			'the department field decides, never the English message'
		).toContain('from sales');
		expect(
			findingMessage('en', { ...SAMPLES.mix_rule, department: null }),
			'without a department, the generic mix text'
		).toContain('at least 30%');
	});

	it('give the absence reason or the holiday name when the finding carries one', () => {
		expect(findingMessage('fr', { ...SAMPLES.absence, reason: 'Congés' }), 'the reason follows the person').toContain(
			'Hélène Dupont est absent ce jour-là : Congés'
		);
		expect(findingMessage('en', { ...SAMPLES.holiday, reason: 'Fête du travail' }), 'the holiday is named').toContain(
			'Company holiday: Fête du travail'
		);
		expect(findingMessage('en', { ...SAMPLES.absence, reason: '  ' }), 'a blank reason is left out').not.toContain(':');
	});

	it('fall back to the server text for a rule this version does not know', () => {
		const future = finding('brand_new_rule' as ClashRule, { message: 'Something specific' });
		expect(findingMessage('fr', future), 'an unknown rule still says something useful').toBe('Something specific');
	});

	it('collapse consecutive days into a range', () => {
		expect(
			formatDays('en', ['2027-01-13', '2027-01-11', '2027-01-12', '2027-01-15']),
			'11–13 is a run, 15 stands alone; input order does not matter'
		).toBe('Mon 11 Jan – Wed 13 Jan and Fri 15 Jan');
	});

	it('sort errors before warnings and detect blocking findings', () => {
		const list = [SAMPLES.weekend, SAMPLES.absence, SAMPLES.holiday];
		expect(sortFindings(list).map((f) => f.rule), 'errors come first, the rest keeps its order').toEqual([
			'absence',
			'weekend',
			'holiday'
		]);
		expect(hasErrors(list), 'an absence blocks the save').toBe(true);
		expect(hasErrors([SAMPLES.weekend]), 'a weekend alone only needs a confirmation').toBe(false);
	});
});
