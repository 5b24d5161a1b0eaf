export { getLocale, setLocale, t, tn, tError, tField, fmtNumber, fmtDateTime } from './locale.svelte';
export {
	LOCALES,
	dictionaries,
	errorCodeTexts,
	errorText,
	fieldCodeTexts,
	fieldText,
	formatDateTime,
	formatNumber,
	interpolate,
	intlTag,
	isErrorCode,
	isFieldCode,
	isMessageKey,
	placeholders,
	resolveLocale,
	translate,
	translatePlural
} from './translate';
export type { Locale, MessageKey, Messages, Params, PluralBase } from './translate';
