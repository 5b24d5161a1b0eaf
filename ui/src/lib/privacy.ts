/**
 * Privacy (GDPR) and attendance corrections as pure functions: the erasure preview as counted lines, the typed
 * confirmation, the access export summary, the retention field, and which attendance changes are corrections (the
 * same rule as `ops::attendance::is_correction` in Rust, so the reason field shows exactly when the core asks for one).
 */
import type { AccessExport } from '$lib/bindings/AccessExport';
import type { ActivityStatus } from '$lib/bindings/ActivityStatus';
import type { ErasurePreview } from '$lib/bindings/ErasurePreview';
import type { FieldCode } from '$lib/bindings/FieldCode';
import type { ParticipationStatus } from '$lib/bindings/ParticipationStatus';
import type { Retention } from '$lib/bindings/Retention';
import { normalize } from './people';
import { translate, translatePlural, type Locale } from './i18n/translate';

const MARKS: readonly ParticipationStatus[] = ['attended', 'no_show', 'excused'];
const EXPECTED: readonly ParticipationStatus[] = ['invited', 'accepted', 'tentative'];

/** Whether a status is an attendance mark. */
export function isMark(status: ParticipationStatus): boolean {
	return MARKS.includes(status);
}

/**
 * Whether moving a participation from `from` to `to` rewrites history: changing a mark already signed off, or any
 * status of a done activity except confirming that someone expected attended (reports already count them).
 */
export function isCorrection(activity: ActivityStatus, from: ParticipationStatus, to: ParticipationStatus): boolean {
	if (from === to) return false;
	const confirms = EXPECTED.includes(from) && to === 'attended';
	return isMark(from) || (activity === 'done' && !confirms);
}

/** The people whose new mark corrects history (a reason is then required). */
export function corrections(
	activity: ActivityStatus,
	current: ReadonlyArray<{ personId: number; status: ParticipationStatus }>,
	marks: Readonly<Record<number, ParticipationStatus>>
): number[] {
	return current
		.filter((p) => {
			const mark = marks[p.personId];
			return mark !== undefined && isCorrection(activity, p.status, mark);
		})
		.map((p) => p.personId);
}

/** The erasure confirmation: the person's name typed again (spaces, case and accents ignored: it guards against a
 * slip of the mouse, not a spelling test). */
export function confirmationMatches(typed: string, name: string): boolean {
	return normalize(typed) !== '' && normalize(typed) === normalize(name);
}

/** What an erasure changes, one sentence per non-empty item, in the user's language. */
export function erasureLines(locale: Locale, p: ErasurePreview): string[] {
	const lines = [
		translate(locale, 'privacy.erase.identity', { name: p.fullName, email: p.email, pseudonym: p.pseudonym, pseudoEmail: p.pseudonymousEmail })
	];
	const counted: Array<[Parameters<typeof translatePlural>[1], number]> = [
		['privacy.erase.participations', p.participations],
		['privacy.erase.future', p.futureParticipationsCancelled],
		['privacy.erase.debriefs', p.debriefs],
		['privacy.erase.absences', p.absenceReasonsCleared],
		['privacy.erase.audit', p.auditEntries],
		['privacy.erase.invites', p.inviteLogRows]
	];
	for (const [base, n] of counted) {
		if (n > 0) lines.push(translatePlural(locale, base, n));
	}
	const texts = p.texts.filter((t) => t.table !== 'audit').reduce((sum, t) => sum + t.rows, 0);
	if (texts > 0) lines.push(translatePlural(locale, 'privacy.erase.texts', texts));
	if (p.managerLinkCleared) lines.push(translate(locale, 'privacy.erase.manager'));
	return lines;
}

/** The toast after an access export: the folder and its files with their record counts. */
export function accessSummary(locale: Locale, x: AccessExport): string {
	const files = x.files.map((f) => (f.name.endsWith('.csv') ? `${f.name} (${f.records})` : f.name)).join(', ');
	return translate(locale, 'privacy.export.done', { dir: x.dir, files });
}

/** The retention field: a number of months, or never. */
export interface RetentionForm {
	never: boolean;
	/** As typed (a number input may hand over a number, or null when empty). */
	months: string | number | null;
}

export function retentionForm(r: Retention): RetentionForm {
	return { never: r.months === null, months: String(r.months ?? 24) };
}

/** The setting to save, or the field error code (`too_small`, `too_large`, `invalid`) to show. */
/** Why the retention form cannot be saved: not a number, or one of core's field codes for the bounds. */
export type RetentionFormError = 'invalid' | Extract<FieldCode, 'too_small' | 'too_large'>;

export function retentionFromForm(form: RetentionForm): { value: Retention } | { error: RetentionFormError } {
	if (form.never) return { value: { months: null } };
	const text = String(form.months ?? '').trim();
	if (!/^\d+$/.test(text)) return { error: 'invalid' };
	const months = Number(text);
	if (months < 1) return { error: 'too_small' };
	if (months > 600) return { error: 'too_large' };
	return { value: { months } };
}
