export { getLocale, setLocale, t, tn, fmtNumber, fmtDateTime } from './locale.svelte';
export {
	LOCALES,
	dictionaries,
	formatDateTime,
	formatNumber,
	interpolate,
	intlTag,
	isMessageKey,
	placeholders,
	resolveLocale,
	translate,
	translatePlural
} from './translate';
export type { Locale, MessageKey, Messages, Params, PluralBase } from './translate';
