/**
 * Error codes to user-facing text. Known codes are translated; only unknown codes
 * fall back to the server's message (and to a generic text when that is empty).
 */
import type { FieldError } from '$lib/bindings/FieldError';
import { ApiError } from './api-error';
import { isMessageKey, translate, type Locale } from './i18n/translate';

export function fieldErrorMessage(locale: Locale, error: Pick<FieldError, 'code' | 'message'>): string {
	const key = `errors.field.${error.code}`;
	if (!error.code.includes('.') && isMessageKey(key)) return translate(locale, key);
	return error.message.trim() || translate(locale, 'errors.unknown');
}

export function errorMessage(locale: Locale, error: unknown): string {
	const e = ApiError.from(error);
	const key = `errors.${e.code}`;
	if (!e.code.includes('.') && e.code !== 'unknown' && isMessageKey(key)) return translate(locale, key);
	return e.message.trim() || translate(locale, 'errors.unknown');
}

/** field name → translated message (first error per field wins). */
export function fieldErrorMessages(locale: Locale, error: ApiError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of error.fields) {
		if (!(f.field in out)) out[f.field] = fieldErrorMessage(locale, f);
	}
	return out;
}
