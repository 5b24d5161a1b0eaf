import { describe, expect, it } from 'vitest';
import type { ErasurePreview } from '$lib/bindings/ErasurePreview';
import {
	accessSummary,
	confirmationMatches,
	corrections,
	erasureLines,
	isCorrection,
	retentionForm,
	retentionFromForm
} from './privacy';

describe('attendance corrections', () => {
	it('follow the core rule', () => {
		expect(isCorrection('confirmed', 'accepted', 'attended'), 'a first mark is not a correction').toBe(false);
		expect(isCorrection('confirmed', 'accepted', 'no_show'), 'a first no-show is not a correction').toBe(false);
		expect(isCorrection('done', 'attended', 'no_show'), 'changing a signed-off mark is one').toBe(true);
		expect(isCorrection('done', 'accepted', 'attended'), 'confirming an expected attendee on a done activity changes no figure').toBe(false);
		expect(isCorrection('done', 'accepted', 'excused'), 'excusing someone a done activity counted rewrites history').toBe(true);
		expect(isCorrection('done', 'attended', 'attended'), 'an unchanged mark is never a correction').toBe(false);
	});

	it('lists the people whose new mark needs a reason', () => {
		const current = [
			{ personId: 1, status: 'attended' as const },
			{ personId: 2, status: 'accepted' as const },
			{ personId: 3, status: 'no_show' as const }
		];
		expect(
			corrections('done', current, { 1: 'no_show', 2: 'attended', 3: 'no_show' }),
			'only the changed signed-off mark asks for a reason'
		).toEqual([1]);
		expect(corrections('confirmed', current.slice(1, 2), { 2: 'excused' }), 'first marks need none').toEqual([]);
	});
});

describe('erasure', () => {
	const preview: ErasurePreview = {
		personId: 7,
		fullName: 'Hélène Dupré',
		email: 'helene@ex.fr',
		pseudonym: 'Personne anonymisée #7',
		pseudonymousEmail: 'anonymised-7@anonymised.invalid',
		participations: 12,
		futureParticipationsCancelled: 0,
		debriefs: 1,
		absences: 2,
		absenceReasonsCleared: 2,
		auditEntries: 5,
		inviteLogRows: 0,
		managerLinkCleared: true,
		texts: [
			{ table: 'audit', rows: 5 },
			{ table: 'activities', rows: 2 }
		]
	};

	it('says what changes, without zero lines, in both languages', () => {
		const fr = erasureLines('fr', preview);
		expect(fr[0], 'the identity line names who and what they become').toContain('Personne anonymisée #7');
		expect(fr.some((l) => l.startsWith('12 participations')), 'participations are counted').toBe(true);
		expect(fr.some((l) => l.includes('à venir')), 'no line for zero upcoming participations').toBe(false);
		expect(fr.some((l) => l.startsWith('2 textes')), 'free texts outside the audit log are counted apart').toBe(true);
		expect(fr.length, 'identity, participations, debrief, absences, audit, texts, manager').toBe(7);
		expect(erasureLines('en', preview)[1], 'English speaks English').toContain('kept under the pseudonym');
	});

	it('is confirmed only by typing the name', () => {
		expect(confirmationMatches('  hélène   dupré ', 'Hélène Dupré'), 'case and spaces do not matter').toBe(true);
		expect(confirmationMatches('He\u0301le\u0300ne Dupre\u0301', 'Hélène Dupré'), 'decomposed accents match').toBe(true);
		expect(confirmationMatches('helene dupre', 'Hélène Dupré'), 'accents are optional (any keyboard can confirm)').toBe(true);
		expect(confirmationMatches('Hélène', 'Hélène Dupré'), 'a part of the name is not enough').toBe(false);
		expect(confirmationMatches('', ''), 'an empty confirmation never confirms').toBe(false);
	});
});

describe('access export and retention', () => {
	it('lists the files written with their line counts', () => {
		const text = accessSummary('fr', {
			personId: 1,
			dir: '/tmp/x',
			files: [
				{ name: 'access.json', records: 1 },
				{ name: 'participations.csv', records: 4 }
			]
		});
		expect(text, 'the toast names the folder and each file').toBe('Données exportées dans /tmp/x : access.json, participations.csv (4).');
	});

	it('reads the retention field', () => {
		expect(retentionForm({ months: null }), 'never ticks the box').toEqual({ never: true, months: '24' });
		expect(retentionFromForm({ never: false, months: 36 }), 'a number input may give a number').toEqual({ value: { months: 36 } });
		expect(retentionFromForm({ never: true, months: 'x' }), 'never ignores the months').toEqual({ value: { months: null } });
		expect(retentionFromForm({ never: false, months: '0' }), 'zero months is refused').toEqual({ error: 'too_small' });
		expect(retentionFromForm({ never: false, months: '601' }), 'beyond 50 years is refused').toEqual({ error: 'too_large' });
		expect(retentionFromForm({ never: false, months: '2.5' }), 'months are whole').toEqual({ error: 'invalid' });
		expect(retentionFromForm({ never: false, months: null }), 'an empty field is refused').toEqual({ error: 'invalid' });
	});
});
