/**
 * Pure helpers of the Debriefs page: the rating scale and its keyboard, offer-tag matching as the Rust side does it
 * (case and accents ignored), tag suggestions, the debrief table's sorting, the insights heat map's shading, and the
 * completion rate's tone.
 */
import type { DebriefInput } from '$lib/bindings/DebriefInput';
import type { DebriefRecord } from '$lib/bindings/DebriefRecord';
import type { PendingDebrief } from '$lib/bindings/PendingDebrief';
import { normalize } from '$lib/people';

export const RATINGS = [1, 2, 3, 4, 5] as const;
/** Longest text of a debrief field, in characters (the Rust side's limit). */
export const MAX_TEXT = 2000;
/** Longest offer tag, in characters. */
export const MAX_TAG = 60;


/**
 * Folds text like `unisson_core::model::fold`: lower case, accents removed, ligatures expanded, every run of
 * non-alphanumerics one space, trimmed. "Éco-Énergie" and "eco energie" fold the same.
 */
export function fold(text: string): string {
	return normalize(text)
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** The known tag `typed` will be saved as (same fold), or null when it is new or empty. */
export function knownTag(typed: string, known: readonly string[]): string | null {
	const key = fold(typed);
	if (!key) return null;
	return known.find((k) => fold(k) === key) ?? null;
}

/** Up to `max` known tags containing what was typed (folded), those starting with it first; all when empty. */
export function suggestTags(typed: string, known: readonly string[], max = 6): string[] {
	const key = fold(typed);
	if (!key) return known.slice(0, max);
	const hits = known.filter((k) => fold(k).includes(key) && fold(k) !== key);
	const starts = hits.filter((k) => fold(k).startsWith(key));
	return [...starts, ...hits.filter((k) => !starts.includes(k))].slice(0, max);
}

/** The rating after a key press in the rating group, or null when the key does not move it. */
export function ratingAfterKey(current: number, key: string): number | null {
	switch (key) {
		case 'ArrowRight':
		case 'ArrowUp':
			return Math.min(5, Math.max(1, current + 1));
		case 'ArrowLeft':
		case 'ArrowDown':
			return Math.max(1, current - 1);
		case 'Home':
			return 1;
		case 'End':
			return 5;
		default:
			return /^[1-5]$/.test(key) ? Number(key) : null;
	}
}

/** A blank form for a pending debrief (no rating chosen yet: 0). */
export function draftFor(p: Pick<PendingDebrief, 'activityId' | 'personId'>): DebriefInput {
	return { activityId: p.activityId, personId: p.personId, rating: 0, learned: '', customerNeeds: '', offerFeedback: '', offerTag: '' };
}

/** The form filled with a stored debrief. */
export function draftFromRecord(r: DebriefRecord): DebriefInput {
	const d = r.debrief;
	return {
		activityId: d.activityId,
		personId: d.personId,
		rating: d.rating,
		learned: d.learned,
		customerNeeds: d.customerNeeds,
		offerFeedback: d.offerFeedback,
		offerTag: d.offerTag
	};
}

export type DebriefSortKey = 'day' | 'person' | 'activity' | 'rating' | 'tag';

/** Debriefs sorted by a column; ties by day (newest first), then person. */
export function sortDebriefs(rows: readonly DebriefRecord[], key: DebriefSortKey, dir: 'asc' | 'desc'): DebriefRecord[] {
	const sign = dir === 'asc' ? 1 : -1;
	const value = (r: DebriefRecord): string | number => {
		switch (key) {
			case 'day':
				return r.day;
			case 'person':
				return r.personName;
			case 'activity':
				return r.activityTitle;
			case 'rating':
				return r.debrief.rating;
			case 'tag':
				return fold(r.debrief.offerTag) || '\uffff';
		}
	};
	return [...rows].sort((a, b) => {
		const x = value(a);
		const y = value(b);
		const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'fr');
		return c * sign || b.day.localeCompare(a.day) || a.personName.localeCompare(b.personName, 'fr');
	});
}

/** Shade of a heat-map cell, 0 (none) to 1 (the busiest cell). */
export function heatLevel(count: number, max: number): number {
	return max > 0 && count > 0 ? Math.min(1, count / max) : 0;
}

/** How a completion rate reads: good from 80 %, fair from 50 %, else low; none without expected debriefs. */
export function completionTone(rate: number | null): 'good' | 'fair' | 'low' | 'none' {
	if (rate === null) return 'none';
	return rate >= 0.8 ? 'good' : rate >= 0.5 ? 'fair' : 'low';
}

/** The change of an offer's debriefs against the previous period, signed ("+3", "−2", "=" ). */
export function trendLabel(now: number, previous: number): string {
	const d = now - previous;
	return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '=';
}

/** A one-line excerpt of a debrief for tables: its offer feedback, else customer needs, else what was learned. */
export function excerpt(r: Pick<DebriefRecord['debrief'], 'customerNeeds' | 'offerFeedback' | 'learned'>, max = 90): string {
	const text = (r.offerFeedback || r.customerNeeds || r.learned).replace(/\s+/g, ' ').trim();
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
