/**
 * Pure i18n functions (no Svelte state): easy to test, used by the reactive wrapper in locale.svelte.ts.
 */
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { FieldCode } from '$lib/bindings/FieldCode';
import type { Language } from '$lib/bindings/Language';
import { fr, type MessageKey, type Messages } from './fr';
import { en } from './en';
import { enErrorCodes, enFieldCodes } from './codes.en';
import { frErrorCodes, frFieldCodes } from './codes.fr';

export type Locale = Language;
export type { MessageKey, Messages };
export type Params = Record<string, string | number>;

export const LOCALES: readonly Locale[] = ['fr', 'en'];
export const dictionaries: Record<Locale, Messages> = { fr, en };
/** The text of every error code, per language (complete by type: see codes.fr.ts). */
export const errorCodeTexts: Record<Locale, Record<ErrorCode, string>> = { fr: frErrorCodes, en: enErrorCodes };
/** The text of every field code, per language. */
export const fieldCodeTexts: Record<Locale, Record<FieldCode, string>> = { fr: frFieldCodes, en: enFieldCodes };

/** Whether a string received at run time is a code core can send (the table's keys are exactly the enum's). */
export function isErrorCode(code: string): code is ErrorCode {
	return Object.prototype.hasOwnProperty.call(frErrorCodes, code);
}

/** Whether a string received at run time is a field code core can send. */
export function isFieldCode(code: string): code is FieldCode {
	return Object.prototype.hasOwnProperty.call(frFieldCodes, code);
}

/** What an error code means, in the user's language. */
export function errorText(locale: Locale, code: ErrorCode): string {
	return errorCodeTexts[locale][code];
}

/** What a field code means, in the user's language. */
export function fieldText(locale: Locale, code: FieldCode): string {
	return fieldCodeTexts[locale][code];
}

/** Base names of keys that exist as `<base>_one` / `<base>_other` pairs. */
export type PluralBase = {
	[K in MessageKey]: K extends `${infer B}_one` ? B : never;
}[MessageKey];

/** BCP 47 tag used for Intl formatting. English users here work for French companies: day-first dates. */
export function intlTag(locale: Locale): string {
	return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

export function isMessageKey(key: string): key is MessageKey {
	return Object.prototype.hasOwnProperty.call(fr, key);
}

/** Names of the `{placeholders}` in a template, sorted and unique. */
export function placeholders(template: string): string[] {
	const names = new Set<string>();
	for (const m of template.matchAll(/\{(\w+)\}/g)) names.add(m[1] ?? '');
	return [...names].sort();
}

/** Replaces `{name}` with params.name; numbers are formatted for the locale; unknown names stay visible. */
export function interpolate(locale: Locale, template: string, params?: Params): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
		const value = params[name];
		return typeof value === 'number' ? formatNumber(locale, value) : String(value);
	});
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
	const template = dictionaries[locale][key] ?? fr[key] ?? key;
	return interpolate(locale, template, params);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

export function translatePlural(
	locale: Locale,
	base: PluralBase,
	count: number,
	params?: Params
): string {
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(intlTag(locale))));
	const category = rules.select(count);
	const key = (category === 'one' ? `${base}_one` : `${base}_other`) as MessageKey;
	return translate(locale, key, { ...params, count });
}

/**
 * The UI language: the saved preference, else the system locale reported by the shell,
 * else the webview's language. French when the tag starts with "fr", English otherwise.
 */
export function resolveLocale(
	preference: Language | null | undefined,
	systemLocale?: string | null,
	navigatorLanguage?: string | null
): Locale {
	if (preference === 'fr' || preference === 'en') return preference;
	const tag = (systemLocale && systemLocale.trim()) || (navigatorLanguage && navigatorLanguage.trim()) || '';
	return tag.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function formatNumber(locale: Locale, value: number): string {
	return new Intl.NumberFormat(intlTag(locale)).format(value);
}

/** Formats an RFC 3339 instant; returns the input unchanged when it is not a valid date. */
export function formatDateTime(
	locale: Locale,
	iso: string,
	options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }
): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return new Intl.DateTimeFormat(intlTag(locale), options).format(date);
}
