/**
 * The current locale as Svelte 5 reactive state. Components call t()/tn() in their markup;
 * reading the state inside those calls makes every string update when the locale changes.
 */
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { FieldCode } from '$lib/bindings/FieldCode';
import {
	errorText,
	fieldText,
	formatDateTime,
	formatNumber,
	resolveLocale,
	translate,
	translatePlural,
	type Locale,
	type MessageKey,
	type Params,
	type PluralBase
} from './translate';

function initialLocale(): Locale {
	const nav = typeof navigator !== 'undefined' ? navigator.language : null;
	return resolveLocale(null, null, nav);
}

let current = $state<Locale>(initialLocale());

export function getLocale(): Locale {
	return current;
}

export function setLocale(locale: Locale): void {
	current = locale;
	if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function t(key: MessageKey, params?: Params): string {
	return translate(current, key, params);
}

/** The current language's text for an error code. */
export function tError(code: ErrorCode): string {
	return errorText(current, code);
}

/** The current language's text for a field code. */
export function tField(code: FieldCode): string {
	return fieldText(current, code);
}

export function tn(base: PluralBase, count: number, params?: Params): string {
	return translatePlural(current, base, count, params);
}

export function fmtNumber(value: number): string {
	return formatNumber(current, value);
}

export function fmtDateTime(iso: string, options?: Intl.DateTimeFormatOptions): string {
	return formatDateTime(current, iso, options);
}
