import { describe, expect, it } from 'vitest';
import type { InviteExportSummary } from './bindings/InviteExportSummary';
import type { ReplyPreview } from './bindings/ReplyPreview';
import { ApiError } from './api-error';
import { LOCALES } from './i18n/translate';
import {
	DEFAULT_EXPORT_FORM,
	REPLY_OUTCOMES,
	exportFormError,
	exportOptions,
	importChanges,
	inviteErrorText,
	outcomeTone,
	replyOutcomeText,
	summaryLines,
	summaryText,
	wroteNothing
} from './invites';

const summary = (extra: Partial<InviteExportSummary> = {}): InviteExportSummary => ({
	outDir: '/home/demo/Invitations',
	activities: 40,
	requests: 12,
	cancels: 1,
	calendars: 9,
	series: 0,
	emails: 0,
	deliveries: 57,
	unchanged: 3,
	index: '/home/demo/Invitations/index.csv',
	...extra
});

const reply = (extra: Partial<ReplyPreview> = {}): ReplyPreview => ({
	line: 12,
	uid: '1@unisson.app',
	email: 'zoe.martin@exemple.fr',
	partstat: 'ACCEPTED',
	outcome: 'applied',
	activityId: 1,
	personId: 2,
	from: 'invited',
	to: 'accepted',
	...extra
});

describe('invite export options', () => {
	it('default to “only what changed”, for everyone, from today on, without .eml', () => {
		expect(exportOptions(DEFAULT_EXPORT_FORM), 'the defaults the dialog opens with').toEqual({
			changedOnly: true,
			personEmail: null,
			from: null,
			to: null,
			eml: false
		});
	});

	it('send a trimmed email, and days only when they are days', () => {
		const o = exportOptions({ changedOnly: false, personEmail: '  zoe@exemple.fr ', from: '2027-01-04', to: 'soon', eml: true });
		expect(o, 'email trimmed, a bad day left out').toEqual({
			changedOnly: false,
			personEmail: 'zoe@exemple.fr',
			from: '2027-01-04',
			to: null,
			eml: true
		});
	});

	it('catch an end before the start before asking the server', () => {
		expect(exportFormError({ ...DEFAULT_EXPORT_FORM, from: '2027-02-01', to: '2027-01-31' })).toEqual({ field: 'to', code: 'invalid_range' });
		expect(exportFormError({ ...DEFAULT_EXPORT_FORM, from: '2027-02-01', to: '2027-02-01' }), 'one day is a range').toBeNull();
		expect(exportFormError({ ...DEFAULT_EXPORT_FORM, from: '2027-13-45' })?.field, 'not a day').toBe('from');
	});
});

describe('export summary', () => {
	it('lists what was written, zeros left out, “unchanged” last', () => {
		expect(summaryLines(summary()).map((l) => [l.part, l.count]), 'no series and no .eml this time').toEqual([
			['requests', 12],
			['cancels', 1],
			['calendars', 9],
			['unchanged', 3]
		]);
	});

	it('says it in one sentence, with plurals, in each language', () => {
		expect(summaryText('fr', summary())).toBe('12 invitations, 1 annulation et 9 calendriers personnels');
		expect(summaryText('en', summary({ cancels: 2, emails: 14 }))).toBe('12 invites, 2 cancellations, 9 personal calendars and 14 .eml messages');
	});

	it('says when there was nothing to send', () => {
		const empty = summary({ requests: 0, cancels: 0, calendars: 0, deliveries: 0, unchanged: 20 });
		expect(wroteNothing(empty)).toBe(true);
		for (const locale of LOCALES) expect(summaryText(locale, empty), locale).not.toMatch(/\d/);
	});
});

describe('reply outcomes', () => {
	it('have a sentence for every outcome in every language, without leftover placeholders', () => {
		for (const locale of LOCALES) {
			for (const outcome of REPLY_OUTCOMES) {
				for (const dryRun of [true, false]) {
					const text = replyOutcomeText(locale, reply({ outcome }), dryRun);
					expect(text, `${locale}/${outcome}`).not.toBe(outcome);
					expect(text, `${locale}/${outcome}`).not.toMatch(/\{\w+\}/);
				}
			}
		}
	});

	it('say what will change in a preview and what did change after', () => {
		expect(replyOutcomeText('fr', reply(), true)).toBe('Sera enregistrée : Sans réponse → Participe');
		expect(replyOutcomeText('en', reply({ to: 'declined' }), false)).toBe('Recorded: No answer yet → Not attending');
		expect(replyOutcomeText('en', reply({ outcome: 'unsupported', partstat: 'DELEGATED' }), true)).toContain('DELEGATED');
	});

	it('tone: applied is good news, outdated and stale are neutral, the rest needs a look', () => {
		expect(REPLY_OUTCOMES.map(outcomeTone)).toEqual(['success', 'neutral', 'warning', 'warning', 'neutral', 'neutral', 'warning', 'warning']);
		expect(importChanges({ added: 0, updated: 0 })).toBe(false);
		expect(importChanges({ added: 0, updated: 2 })).toBe(true);
	});
});

describe('invite errors', () => {
	it('ask for a new or empty folder when the chosen one is not empty', () => {
		const e = new ApiError('validation', 'x is not empty', [{ field: 'outDir', code: 'not_empty', message: 'x is not empty' }]);
		expect(inviteErrorText('fr', e)).toBe('Ce dossier n’est pas vide : choisissez un dossier nouveau ou vide.');
		expect(inviteErrorText('en', e)).toContain('choose a new or empty folder');
	});

	it('name the missing organizer, and keep the line of an unreadable file', () => {
		const organizer = { code: 'validation', message: 'm', fields: [{ field: 'organizerEmail', code: 'organizer_missing', message: 'm' }] };
		expect(inviteErrorText('en', organizer)).toContain('Settings');
		expect(inviteErrorText('fr', { code: 'invalid_ics', message: 'line 3: no END:VEVENT' })).toBe(
			'Ce fichier n’est pas un calendrier .ics lisible. (line 3: no END:VEVENT)'
		);
		expect(inviteErrorText('en', { code: 'io', message: 'cannot read /x.ics' }), 'other codes: the usual text').toBe(
			'The file cannot be read or written.'
		);
	});
});
