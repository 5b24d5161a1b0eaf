/**
 * The current locale as Svelte 5 reactive state. Components call t()/tn() in their markup;
 * reading the state inside those calls makes every string update when the locale changes.
 */
import {
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

export function tn(base: PluralBase, count: number, params?: Params): string {
	return translatePlural(current, base, count, params);
}

export function fmtNumber(value: number): string {
	return formatNumber(current, value);
}

export function fmtDateTime(iso: string, options?: Intl.DateTimeFormatOptions): string {
	return formatDateTime(current, iso, options);
}
