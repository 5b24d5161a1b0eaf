import { describe, expect, it } from 'vitest';
import { ApiError, ERROR_CODES, FIELD_ERROR_CODES } from './api-error';
import { errorMessage, fieldErrorMessage, fieldErrorMessages } from './errors';
import { LOCALES } from './i18n/translate';

describe('field error codes', () => {
	it('are all translated in every locale', () => {
		for (const locale of LOCALES) {
			for (const code of FIELD_ERROR_CODES) {
				const text = fieldErrorMessage(locale, { code, message: 'SERVER TEXT' });
				expect(text, `${locale}: field code ${code} must be translated, not show the server text`).not.toBe(
					'SERVER TEXT'
				);
			}
		}
	});

	it('map to specific French and English texts', () => {
		expect(
			fieldErrorMessage('fr', { code: 'invalid_email', message: 'email is not valid' }),
			'French users must read French'
		).toBe('Cette adresse e-mail n’est pas valide.');
		expect(fieldErrorMessage('en', { code: 'required', message: 'x' }), 'English text for required').toBe(
			'This field is required.'
		);
	});

	it('fall back to the server message for unknown codes', () => {
		expect(
			fieldErrorMessage('fr', { code: 'brand_new_rule', message: 'must be a weekday' }),
			'an unknown code must still tell the user something useful'
		).toBe('must be a weekday');
		expect(
			fieldErrorMessage('en', { code: 'brand_new_rule', message: '' }),
			'an unknown code without a message gets a generic text, never a blank'
		).toBe('An unexpected error occurred.');
		expect(
			fieldErrorMessage('en', { code: 'field.required', message: 'odd' }),
			'codes are looked up as whole codes, not as key paths'
		).toBe('odd');
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
});

describe('top-level error codes', () => {
	it('are all translated in every locale', () => {
		for (const locale of LOCALES) {
			for (const code of ERROR_CODES) {
				expect(
					errorMessage(locale, new ApiError(code, 'SERVER TEXT')),
					`${locale}: ${code} must be translated`
				).not.toBe('SERVER TEXT');
			}
		}
	});

	it('explain site_in_use clearly', () => {
		expect(
			errorMessage('fr', { code: 'site_in_use', message: 'site is in use', fields: [] }),
			'deleting a used site must say why in French'
		).toMatch(/ne peut pas être supprimé/);
	});

	it('fall back to the server message for unknown codes', () => {
		expect(
			errorMessage('fr', new ApiError('quota_exceeded', 'too many invites today')),
			'unknown codes show the server message'
		).toBe('too many invites today');
		expect(errorMessage('en', new Error('boom')), 'a plain Error counts as internal').toBe(
			'An unexpected error occurred.'
		);
	});
});
