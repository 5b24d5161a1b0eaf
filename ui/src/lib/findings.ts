/**
 * Scheduling findings (from `activity_check`, or carried by a `clash` / `needs_confirmation` error) as sentences in
 * the user's language. The UI builds its own text from the finding's fields, never from the server's English message
 * (used only for a rule this version does not know).
 */
import type { ClashRule } from '$lib/bindings/ClashRule';
import type { Finding } from '$lib/bindings/Finding';
import { intlTag, translate, translatePlural, type Locale, type MessageKey } from './i18n/translate';
import { addDays, isDay } from './time';

export const CLASH_RULES: readonly ClashRule[] = [
	'double_booking',
	'absence',
	'holiday',
	'host_capacity',
	'training_capacity',
	'seats',
	'weekend',
	'brief_without_marketer',
	'mix_rule',
	'inactive_person'
];

function listFormat(locale: Locale, items: readonly string[]): string {
	const clean = items.filter((s) => s.trim() !== '');
	if (clean.length <= 1) return clean[0] ?? '';
	try {
		return new Intl.ListFormat(intlTag(locale), { style: 'long', type: 'conjunction' }).format(clean);
	} catch {
		return clean.join(', ');
	}
}

/** "lun. 12 janv." / "Mon 12 Jan": a day, short, for the locale. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDay(locale: Locale, day: string, withYear = false): string {
	if (!isDay(day)) return day;
	const key = `${locale}|${withYear}`;
	let f = dayFormats.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(intlTag(locale), {
			timeZone: 'UTC',
			weekday: 'short',
			day: 'numeric',
			month: 'short',
			...(withYear ? { year: 'numeric' } : {})
		});
		dayFormats.set(key, f);
	}
	return f.format(new Date(`${day}T00:00:00Z`));
}

/**
 * A list of days as text: consecutive days collapse into a range ("lun. 12 janv. – ven. 16 janv."), the rest are
 * listed ("12 janv., 14 janv. et 19 janv.").
 */
export function formatDays(locale: Locale, days: readonly string[]): string {
	const sorted = [...new Set(days)].filter(isDay).sort();
	const runs: [string, string][] = [];
	for (const d of sorted) {
		const last = runs[runs.length - 1];
		if (last && addDays(last[1], 1) === d) last[1] = d;
		else runs.push([d, d]);
	}
	const parts = runs.map(([a, b]) =>
		a === b ? formatDay(locale, a) : `${formatDay(locale, a)} – ${formatDay(locale, b)}`
	);
	return listFormat(locale, parts);
}

function quoted(locale: Locale, titles: readonly string[]): string {
	const q = locale === 'fr' ? (s: string) => `« ${s} »` : (s: string) => `“${s}”`;
	return listFormat(locale, [...new Set(titles)].map(q));
}

/** The finding as one sentence in `locale`. */
export function findingMessage(locale: Locale, f: Finding): string {
	const tr = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
	const person = listFormat(locale, f.personNames) || tr('finding.someone');
	const dates = formatDays(locale, f.dates);
	const limit = f.limit ?? 0;
	const withDates = (text: string) => (dates ? tr('finding.withDates', { text, dates }) : text);
	switch (f.rule) {
		case 'double_booking': {
			const activity = quoted(locale, f.activityTitles);
			const text = activity
				? tr('finding.double_booking', { person, activity })
				: tr('finding.double_booking.noTitle', { person });
			return withDates(text);
		}
		case 'absence': {
			const reason = f.reason?.trim();
			return withDates(reason ? tr('finding.absence.reason', { person, reason }) : tr('finding.absence', { person }));
		}
		case 'holiday': {
			const reason = f.reason?.trim();
			return withDates(reason ? tr('finding.holiday.reason', { reason }) : tr('finding.holiday'));
		}
		case 'host_capacity': {
			const text = withDates(translatePlural(locale, 'finding.host_capacity', limit, { person }));
			const already = quoted(locale, f.activityTitles);
			return already ? `${text} ${tr('finding.alreadyPlanned', { activities: already })}` : text;
		}
		case 'training_capacity':
			return translatePlural(locale, 'finding.training_capacity', limit);
		case 'seats':
			return withDates(translatePlural(locale, 'finding.seats', limit));
		case 'weekend':
			return tr('finding.weekend', { dates: dates || tr('finding.thisDay') });
		case 'brief_without_marketer':
			return tr('finding.brief_without_marketer');
		case 'mix_rule': {
			const dept = f.department;
			return dept === 'marketing'
				? tr('finding.mix_rule.marketing', { count: limit })
				: dept === 'sales'
					? tr('finding.mix_rule.sales', { count: limit })
					: tr('finding.mix_rule', { count: limit });
		}
		case 'inactive_person':
			return tr('finding.inactive_person', { person });
		default:
			return f.message.trim() || translate(locale, 'errors.unknown');
	}
}

/** The short name of a rule ("Double réservation"), for headings and badges. */
export function ruleLabel(locale: Locale, rule: ClashRule | string): string {
	const key = `rule.${rule}`;
	return (CLASH_RULES as readonly string[]).includes(rule) ? translate(locale, key as MessageKey) : rule;
}

export function hasErrors(findings: readonly Finding[]): boolean {
	return findings.some((f) => f.severity === 'error');
}

/** Errors first, then warnings; the server's order within each. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
	return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
}
