/**
 * "Suggest a plan" (issue 7) as pure functions: the dialog's form and the request it builds, the overall progress of
 * a run, a plan filtered to the proposals the manager ticked, and the proposals as ghost board records (negative
 * ids, status `proposed`, the reason as description) so the board draws them like any proposed activity, and the
 * planner's structured reasons in the UI's language (the brief rota's reasons too: same type, its own codes).
 */
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { Department } from '$lib/bindings/Department';
import type { PersonRow } from '$lib/bindings/PersonRow';
import type { PlanProgress } from '$lib/bindings/PlanProgress';
import type { PlanReason } from '$lib/bindings/PlanReason';
import type { PlanRequest } from '$lib/bindings/PlanRequest';
import type { PlanSuggestion } from '$lib/bindings/PlanSuggestion';
import type { PlanWeights } from '$lib/bindings/PlanWeights';
import { findingMessage, formatDay } from './findings';
import { translate, translatePlural, type Locale } from './i18n';
import { addDays, isDay, type Day } from './time';

/** The planner's default weights (core `Weights::default()`): what "Reset to defaults" restores. */
export const DEFAULT_WEIGHTS: PlanWeights = {
	coverage: 1000,
	newPair: 30,
	newTeam: 60,
	reciprocity: 40,
	sameWeek: 25,
	weekOverload: 15,
	hostLoad: 4,
	newcomer: 25,
	repeat: 50
};

export const WEIGHT_KEYS = Object.keys(DEFAULT_WEIGHTS) as (keyof PlanWeights)[];

/** The highest weight (core `MAX_WEIGHT`). */
export const MAX_WEIGHT = 10_000;

/** The weights under the five goals of the objective, in the dialog's order (penalties are weights too). */
export const WEIGHT_GROUPS: readonly { goal: 'coverage' | 'novelty' | 'reciprocity' | 'spread' | 'fairness'; keys: readonly (keyof PlanWeights)[] }[] = [
	{ goal: 'coverage', keys: ['coverage'] },
	{ goal: 'novelty', keys: ['newPair', 'newTeam', 'repeat'] },
	{ goal: 'reciprocity', keys: ['reciprocity'] },
	{ goal: 'spread', keys: ['sameWeek', 'weekOverload'] },
	{ goal: 'fairness', keys: ['hostLoad', 'newcomer'] }
];

/** The weights that are not a whole number from 0 to MAX_WEIGHT (coverage at least 1), as core validates them. */
export function invalidWeights(w: PlanWeights): (keyof PlanWeights)[] {
	return WEIGHT_KEYS.filter((k) => {
		const v = w[k];
		return !Number.isInteger(v) || v < (k === 'coverage' ? 1 : 0) || v > MAX_WEIGHT;
	});
}

/** What the dialog edits. */
export interface PlanForm {
	from: string;
	to: string;
	/** Sales and CRC people of the chosen host pools also visit marketing (marketing then hosts too). */
	reciprocal: boolean;
	hostSales: boolean;
	hostCrc: boolean;
	perVisitor: number;
	halfDays: boolean;
	crossSite: boolean;
	seed: number;
}

export type PlanFormField = 'from' | 'to' | 'hosts' | 'perVisitor' | 'seed' | 'weights';
export type PlanFormErrors = Partial<Record<PlanFormField, 'required' | 'invalid_range' | 'no_hosts' | 'invalid_number' | 'invalid_weight'>>;

/** The first and last day of the quarter after the one `day` is in. */
export function nextQuarter(day: Day): { from: Day; to: Day } {
	const year = Number(day.slice(0, 4));
	const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
	const y = q === 3 ? year + 1 : year;
	const m = ((q + 1) % 4) * 3 + 1;
	const from = `${y}-${String(m).padStart(2, '0')}-01`;
	const nextStart = m === 10 ? `${y + 1}-01-01` : `${y}-${String(m + 3).padStart(2, '0')}-01`;
	return { from, to: addDays(nextStart, -1) };
}

/** The form's defaults: the visible board range from tomorrow on, else (range already past) the next quarter. */
export function defaultForm(first: Day, last: Day, today: Day): PlanForm {
	const tomorrow = addDays(today, 1);
	const from = first > tomorrow ? first : tomorrow;
	const period = from <= last ? { from, to: last } : nextQuarter(today);
	return { ...period, reciprocal: false, hostSales: true, hostCrc: true, perVisitor: 1, halfDays: false, crossSite: false, seed: 1 };
}

/** The request for a valid form, or the errors by field. */
export function buildRequest(
	form: PlanForm,
	weights: PlanWeights = DEFAULT_WEIGHTS
): { ok: true; request: PlanRequest } | { ok: false; errors: PlanFormErrors } {
	const errors: PlanFormErrors = {};
	if (!isDay(form.from)) errors.from = 'required';
	if (!isDay(form.to)) errors.to = 'required';
	else if (isDay(form.from) && form.to < form.from) errors.to = 'invalid_range';
	const pools: Department[] = [...(form.hostSales ? (['sales'] as const) : []), ...(form.hostCrc ? (['crc'] as const) : [])];
	if (pools.length === 0) errors.hosts = 'no_hosts';
	if (!Number.isInteger(form.perVisitor) || form.perVisitor < 1 || form.perVisitor > 20) errors.perVisitor = 'invalid_number';
	if (!Number.isSafeInteger(form.seed) || form.seed < 0) errors.seed = 'invalid_number';
	if (invalidWeights(weights).length > 0) errors.weights = 'invalid_weight';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		request: {
			from: form.from,
			to: form.to,
			visitors: form.reciprocal ? ['marketing', ...pools] : ['marketing'],
			hosts: form.reciprocal ? [...pools, 'marketing'] : pools,
			perVisitor: form.perVisitor,
			halfDays: form.halfDays,
			crossSite: form.crossSite,
			seed: form.seed,
			weights: { ...weights }
		}
	};
}

const PHASES = ['load', 'construct', 'improve', 'validate'] as const;

/** Overall fraction done (0..1): each phase is a quarter of the bar. */
export function progressFraction(p: PlanProgress | null): number {
	if (!p) return 0;
	const i = PHASES.indexOf(p.phase);
	const inPhase = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
	return Math.min(1, (Math.max(0, i) + inPhase) / PHASES.length);
}

/** The plan with only the proposals whose index is selected (unplaced and objective kept, for the record). */
export function filterPlan(plan: PlanSuggestion, selected: ReadonlySet<number>): PlanSuggestion {
	return { ...plan, proposals: plan.proposals.filter((_, i) => selected.has(i)) };
}

/** Ghost records have negative ids: proposal `i` is id `-(i + 1)`. */
export function ghostId(index: number): number {
	return -(index + 1);
}
export function isGhost(activity: Pick<ActivityRecord, 'id'>): boolean {
	return activity.id < 0;
}
export function ghostIndex(activity: Pick<ActivityRecord, 'id'>): number {
	return -activity.id - 1;
}

/**
 * The proposals as board records (only the `selected` ones when given). People are matched by email, case-insensitive;
 * a proposal whose visitor and host are both unknown is left out.
 */
export function ghostRecords(
	plan: PlanSuggestion,
	people: readonly PersonRow[],
	zone: string,
	selected?: ReadonlySet<number>,
	describe: (p: PlanSuggestion['proposals'][number]) => string = (p) => p.reason
): ActivityRecord[] {
	const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
	const out: ActivityRecord[] = [];
	plan.proposals.forEach((p, i) => {
		if (selected && !selected.has(i)) return;
		const visitor = byEmail.get(p.visitor.toLowerCase());
		const host = byEmail.get(p.host.toLowerCase());
		if (!visitor && !host) return;
		const participants = (
			[
				[visitor, 'visitor'],
				[host, 'host']
			] as const
		).flatMap(([person, role]) =>
			person
				? [{ personId: person.id, email: person.email, name: person.fullName, department: person.department, team: person.team, role, status: 'invited' as const, changedAt: p.start }]
				: []
		);
		out.push({
			id: ghostId(i),
			kind: 'shadowing',
			title: `${visitor?.fullName ?? p.visitor} → ${host?.fullName ?? p.host}`,
			start: p.start,
			end: p.end,
			zone,
			allDay: false,
			siteId: null,
			site: p.site === '' ? null : p.site,
			location: '',
			status: 'proposed',
			uid: '',
			sequence: 0,
			halfDay: p.halfDay,
			capacity: null,
			seriesId: null,
			description: describe(p),
			goals: '',
			organizerId: null,
			mixMinMarketing: null,
			mixMinSales: null,
			participants
		});
	});
	return out;
}

/** One part of a reason in the UI's language; `nameOf` turns an email (the dropped proposal's host) into a name. */
export function reasonPart(locale: Locale, r: PlanReason, nameOf: (email: string) => string = (e) => e): string {
	const tr = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
	switch (r.code) {
		case 'novel_team':
			return tr('plan.why.novel_team', { visitor: r.visitor, team: r.team });
		case 'novel_host':
			return tr('plan.why.novel_host', { visitor: r.visitor, host: r.host });
		case 'known_host':
			return tr('plan.why.known_host', { visitor: r.visitor, host: r.host });
		case 'return_visit':
			return tr('plan.why.return_visit', { visitor: r.visitor });
		case 'host_load':
			return translatePlural(locale, 'plan.why.host_load', r.before, { host: r.host, planned: r.planned });
		case 'newcomer':
			return tr('plan.why.newcomer', { host: r.host });
		case 'short':
			return tr('plan.why.short', { got: r.got, target: r.target, cause: '' }).replace(/\s*:?\s*$/, '');
		case 'away_all_period':
			return tr('plan.why.away_all_period', { visitor: r.visitor });
		case 'no_host':
			return tr('plan.why.no_host', { visitor: r.visitor });
		case 'hosts_full':
			return tr('plan.why.hosts_full', { visitor: r.visitor });
		case 'dropped':
			return tr('plan.why.dropped', { host: nameOf(r.host), finding: findingMessage(locale, r.finding) });
		// The brief rota's own codes.
		case 'fewest_briefs':
			return translatePlural(locale, 'plan.why.fewest_briefs', r.briefs, { marketer: r.marketer });
		case 'brief_load':
			return translatePlural(locale, 'plan.why.brief_load', r.briefs, { marketer: r.marketer });
		case 'fewer_elsewhere':
			return tr('plan.why.fewer_elsewhere', { marketer: r.marketer, count: r.briefs, day: formatDay(locale, r.day) });
		case 'novel_brief':
			return tr('plan.why.novel_brief', { marketer: r.marketer, team: r.team });
		case 'not_previous':
			return tr('plan.why.not_previous', { marketer: r.marketer });
		case 'repeat_brief':
			return tr('plan.why.repeat_brief', { marketer: r.marketer });
		case 'holiday':
			return r.name.trim() === '' ? tr('plan.why.holiday') : tr('plan.why.holiday_named', { name: r.name.trim() });
		case 'no_marketers':
			return tr('plan.why.no_marketers');
		case 'no_marketer_free':
			return tr('plan.why.no_marketer_free', { away: r.away, busy: r.busy });
		case 'marketers_taken':
			return tr('plan.why.marketers_taken');
	}
}

/**
 * A whole reason in the UI's language: a shortfall reads "got of target placed: cause", other parts are joined.
 * A plan file from before structured reasons has none: its English `fallback` is shown.
 */
export function reasonText(locale: Locale, reasons: readonly PlanReason[] | undefined, fallback: string, nameOf?: (email: string) => string): string {
	if (!reasons || reasons.length === 0) return fallback;
	const out: string[] = [];
	for (let i = 0; i < reasons.length; i++) {
		const r = reasons[i]!;
		const next = reasons[i + 1];
		if (r.code === 'short' && next) {
			out.push(translate(locale, 'plan.why.short', { got: r.got, target: r.target, cause: reasonPart(locale, next, nameOf) }));
			i++;
		} else out.push(reasonPart(locale, r, nameOf));
	}
	const text = out.join(translate(locale, 'plan.why.separator'));
	return text.charAt(0).toUpperCase() + text.slice(1);
}
