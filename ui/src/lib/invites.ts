/**
 * Invites (issue 4) as pure functions: export options from the dialog's fields, the export summary as counted
 * lines, reply outcomes as sentences, and the errors of `invites_export` / `ics_import` in the user's language.
 * The Rust core writes and reads the files; the UI only asks and reports.
 */
import type { FieldCode } from '$lib/bindings/FieldCode';
import type { IcsImportReport } from '$lib/bindings/IcsImportReport';
import type { InviteExportOptions } from '$lib/bindings/InviteExportOptions';
import type { InviteExportSummary } from '$lib/bindings/InviteExportSummary';
import type { ParticipationStatus } from '$lib/bindings/ParticipationStatus';
import type { ReplyOutcome } from '$lib/bindings/ReplyOutcome';
import type { ReplyPreview } from '$lib/bindings/ReplyPreview';
import { ApiError } from './api-error';
import { errorMessage, fieldErrorMessage } from './errors';
import { errorText, isMessageKey, translate, translatePlural, type Locale, type MessageKey } from './i18n/translate';
import { isDay } from './time';

export const REPLY_OUTCOMES: readonly ReplyOutcome[] = [
	'applied',
	'unchanged',
	'unknown_uid',
	'unknown_attendee',
	'stale',
	'outdated',
	'not_applicable',
	'unsupported'
];

// ---------- export ----------

/** The export dialog's fields ('' = not set). */
export interface ExportForm {
	changedOnly: boolean;
	/** The person's email, or '' for everyone. */
	personEmail: string;
	from: string;
	to: string;
	eml: boolean;
}

export const DEFAULT_EXPORT_FORM: ExportForm = { changedOnly: true, personEmail: '', from: '', to: '', eml: false };

/** A field the form can tell wrong before asking the server (`to` before `from`). */
export function exportFormError(form: ExportForm): { field: 'from' | 'to'; code: 'invalid_day' | Extract<FieldCode, 'invalid_range'> } | null {
	if (form.from !== '' && !isDay(form.from)) return { field: 'from', code: 'invalid_day' };
	if (form.to !== '' && !isDay(form.to)) return { field: 'to', code: 'invalid_day' };
	if (form.from !== '' && form.to !== '' && form.to < form.from) return { field: 'to', code: 'invalid_range' };
	return null;
}

export function exportOptions(form: ExportForm): InviteExportOptions {
	const email = form.personEmail.trim();
	return {
		changedOnly: form.changedOnly,
		personEmail: email === '' ? null : email,
		from: isDay(form.from) ? form.from : null,
		to: isDay(form.to) ? form.to : null,
		eml: form.eml
	};
}

export type SummaryPart = 'requests' | 'cancels' | 'calendars' | 'series' | 'emails' | 'unchanged';
export const SUMMARY_PARTS: readonly SummaryPart[] = ['requests', 'cancels', 'calendars', 'series', 'emails', 'unchanged'];

/** What the export wrote, one counted line per kind of file, zeros left out (`unchanged` last). */
export function summaryLines(s: InviteExportSummary): { part: SummaryPart; count: number }[] {
	return SUMMARY_PARTS.map((part) => ({ part, count: s[part] })).filter((l) => l.count > 0);
}

/** Whether the export wrote no file at all (nothing changed since the last one, or nothing in the range). */
export function wroteNothing(s: InviteExportSummary): boolean {
	return s.requests + s.cancels + s.calendars + s.series === 0;
}

/** "12 invitations, 2 annulations et 3 calendriers personnels": the summary in one sentence. */
export function summaryText(locale: Locale, s: InviteExportSummary): string {
	if (wroteNothing(s)) return translate(locale, 'invites.summary.nothing');
	const parts = summaryLines(s)
		.filter((l) => l.part !== 'unchanged')
		.map((l) => translatePlural(locale, `invites.summary.${l.part}`, l.count));
	try {
		return new Intl.ListFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'long', type: 'conjunction' }).format(parts);
	} catch {
		return parts.join(', ');
	}
}

// ---------- import ----------

/** A reply's outcome as a sentence; `dryRun` says what would happen rather than what did. */
export function replyOutcomeText(
	locale: Locale,
	reply: Pick<ReplyPreview, 'outcome' | 'from' | 'to' | 'partstat'>,
	dryRun: boolean
): string {
	const status = (s: ParticipationStatus | null) =>
		s === null ? translate(locale, 'common.none') : translate(locale, `participation.${s}` as MessageKey);
	const params = { from: status(reply.from), to: status(reply.to), partstat: reply.partstat };
	const base = `ics.outcome.${reply.outcome}`;
	const key = reply.outcome === 'applied' && dryRun ? `${base}.dry` : base;
	return isMessageKey(key) ? translate(locale, key, params) : reply.outcome;
}

/** How a reply outcome looks: applied is good news, nothing-to-do is neutral, the rest needs a look. */
export function outcomeTone(outcome: ReplyOutcome): 'success' | 'neutral' | 'warning' {
	if (outcome === 'applied') return 'success';
	if (outcome === 'unchanged' || outcome === 'outdated' || outcome === 'stale') return 'neutral';
	return 'warning';
}

/** Whether applying the previewed import would change anything. */
export function importChanges(report: Pick<IcsImportReport, 'added' | 'updated'>): boolean {
	return report.added + report.updated > 0;
}

// ---------- errors ----------

/**
 * The error of an invite command as text: field errors of these commands first (`outDir` not empty → "choose a new
 * or empty folder"), an unreadable .ics with the server's line number, else the usual code text.
 */
export function inviteErrorText(locale: Locale, error: unknown): string {
	const e = ApiError.from(error);
	if (e.fields.length) {
		return e.fields.map((f) => fieldErrorMessage(locale, f)).filter((m, i, all) => all.indexOf(m) === i).join(' ');
	}
	if (e.code === 'invalid_ics') {
		const detail = e.message.trim();
		return detail ? `${errorText(locale, 'invalid_ics')} (${detail})` : errorText(locale, 'invalid_ics');
	}
	return errorMessage(locale, e);
}
