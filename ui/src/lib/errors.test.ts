import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { FieldCode } from '$lib/bindings/FieldCode';
import { ApiError } from './api-error';
import { errorMessage, fieldErrorMessage, fieldErrorMessages } from './errors';
import { errorCodeTexts, fieldCodeTexts, LOCALES } from './i18n/translate';

/** Every code core can send: the tables' keys, which their `Record<ErrorCode | FieldCode, string>` type makes exact. */
const ERROR_CODES = Object.keys(errorCodeTexts.fr) as ErrorCode[];
const FIELD_CODES = Object.keys(fieldCodeTexts.fr) as FieldCode[];

describe('the code tables', () => {
	it('list the same codes in French and English', () => {
		for (const locale of LOCALES) {
			expect(Object.keys(errorCodeTexts[locale]).sort(), `${locale} must translate exactly core's error codes`).toEqual(
				[...ERROR_CODES].sort()
			);
			expect(Object.keys(fieldCodeTexts[locale]).sort(), `${locale} must translate exactly core's field codes`).toEqual(
				[...FIELD_CODES].sort()
			);
		}
		expect(ERROR_CODES.length, 'core sends at least the ten codes it had before the enum').toBeGreaterThanOrEqual(10);
		expect(FIELD_CODES, 'the codes once missing a text are in the table').toEqual(
			expect.arrayContaining(['invalid', 'invalid_rrule', 'invalid_time', 'before_from', 'not_participant'])
		);
	});

	it('give every code a real sentence in both languages', () => {
		for (const locale of LOCALES) {
			for (const [code, text] of [...Object.entries(errorCodeTexts[locale]), ...Object.entries(fieldCodeTexts[locale])]) {
				expect(text.trim(), `${locale}: ${code} needs a text, or the user reads nothing`).not.toBe('');
				expect(text, `${locale}: ${code} must be explained, not shown as its code`).not.toBe(code);
				expect(text, `${locale}: ${code} reads as a sentence`).toMatch(/[.!?]$/);
			}
		}
	});

	it('are really translated, not copied', () => {
		const same = [...ERROR_CODES.map((c) => [c, errorCodeTexts.fr[c], errorCodeTexts.en[c]]), ...FIELD_CODES.map((c) => [c, fieldCodeTexts.fr[c], fieldCodeTexts.en[c]])]
			.filter(([, fr, en]) => fr === en)
			.map(([c]) => c);
		expect(same, 'a French text left in English (or the reverse) reaches users of the other language').toEqual([]);
	});
});

describe('field error codes', () => {
	it('map to specific French and English texts', () => {
		expect(fieldErrorMessage('fr', { code: 'invalid_email' }), 'French users must read French').toBe(
			'Cette adresse e-mail n’est pas valide.'
		);
		expect(fieldErrorMessage('en', { code: 'required' }), 'English text for required').toBe('This field is required.');
	});

	it('are collected per field, first error wins', () => {
		const err = new ApiError('validation', 'bad', [
			{ field: 'email', code: 'invalid_email', message: '' },
			{ field: 'email', code: 'duplicate_email', message: '' },
			{ field: 'fullName', code: 'required', message: '' }
		]);
		expect(fieldErrorMessages('en', err), 'each field shows one message, the first reported').toEqual({
			email: 'This email address is not valid.',
			fullName: 'This field is required.'
		});
	});

	it('that are not ours are dropped when an IPC error is read', () => {
		const err = ApiError.from({
			code: 'validation',
			message: 'bad',
			fields: [
				{ field: 'a', code: 'brand_new_rule', message: 'must be a weekday' },
				{ field: 'b', code: 'required', message: '' }
			]
		});
		expect(
			err.fields.map((f) => f.field),
			'the UI cannot explain a code it does not know, so it keeps only the fields it can'
		).toEqual(['b']);
	});
});

describe('top-level error codes', () => {
	it('show their own text, never the server message', () => {
		for (const locale of LOCALES) {
			for (const code of ERROR_CODES) {
				expect(errorMessage(locale, new ApiError(code, 'SERVER TEXT')), `${locale}: ${code} must be translated`).toBe(
					errorCodeTexts[locale][code]
				);
			}
		}
	});

	it('explain site_in_use clearly', () => {
		expect(
			errorMessage('fr', { code: 'site_in_use', message: 'site is in use', fields: [] }),
			'deleting a used site must say why in French'
		).toMatch(/ne peut pas être supprimé/);
	});

	it('read anything else as internal', () => {
		expect(
			ApiError.from({ code: 'quota_exceeded', message: 'too many invites today' }).code,
			'a code that is not ours is an internal failure, whatever it says'
		).toBe('internal');
		expect(errorMessage('en', new Error('boom')), 'a plain Error counts as internal').toBe('An unexpected error occurred.');
		expect(errorMessage('fr', 'boom'), 'a bare string counts as internal, in French too').toBe(
			'Une erreur inattendue est survenue.'
		);
	});
});
