/**
 * Error codes to user-facing text. Every code core can send has a text in both languages, checked by the type of
 * the tables in i18n/codes.*.ts, so nothing falls back to the server's English message.
 */
import type { FieldError } from '$lib/bindings/FieldError';
import { ApiError } from './api-error';
import { errorText, fieldText, type Locale } from './i18n/translate';

export function fieldErrorMessage(locale: Locale, error: Pick<FieldError, 'code'>): string {
	return fieldText(locale, error.code);
}

export function errorMessage(locale: Locale, error: unknown): string {
	return errorText(locale, ApiError.from(error).code);
}

/** field name → translated message (first error per field wins). */
export function fieldErrorMessages(locale: Locale, error: ApiError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of error.fields) {
		if (!(f.field in out)) out[f.field] = fieldErrorMessage(locale, f);
	}
	return out;
}
