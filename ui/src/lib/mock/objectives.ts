/**
 * Dev mock of the objective commands: an in-memory list, and progress computed from the scheduling mock's
 * activities with the rules of `unisson_core::report::objectives` (took place, planned, units met, status). Periods
 * use the day of the activity's start in Paris, as the seeded activities are all in Paris. The Rust side remains the
 * reference.
 */
import type { FieldCode } from '$lib/bindings/FieldCode';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { Cadence } from '$lib/bindings/Cadence';
import type { Department } from '$lib/bindings/Department';
import type { FieldError } from '$lib/bindings/FieldError';
import type { Holdback } from '$lib/bindings/Holdback';
import type { IpcError } from '$lib/bindings/IpcError';
import type { Objective } from '$lib/bindings/Objective';
import type { ObjectiveInput } from '$lib/bindings/ObjectiveInput';
import type { ObjectiveProgress } from '$lib/bindings/ObjectiveProgress';
import type { ParticipantRecord } from '$lib/bindings/ParticipantRecord';
import type { PersonRow } from '$lib/bindings/PersonRow';
import type { Series } from '$lib/bindings/Series';
import { isPercent, labelCadence, labelStart, periodLabel, shiftLabel } from '$lib/objectives';
import { localDay } from '$lib/time';

export interface ObjectivesMockContext {
	people: () => PersonRow[];
	call: (cmd: string, args: Record<string, unknown>) => unknown;
	today: () => string;
}

const objectives: Objective[] = [];
let nextId = 1;

function invalid(field: string, code: FieldCode, message: string): never {
	throw { code: 'validation', message, fields: [{ field, code, message }], findings: [] } satisfies IpcError;
}

/** Every field error at once, as core reports them. */
function validated(input: ObjectiveInput): ObjectiveInput {
	const fields: FieldError[] = [];
	const bad = (field: string, code: FieldCode, message: string) => fields.push({ field, code, message });
	const title = input.title.trim();
	if (!title) bad('title', 'required', 'this field is required');
	const t = input.target;
	if (isPercent(input.metric)) {
		if (!(t > 0 && t <= 100)) bad('target', 'out_of_range', 'a percentage target is above 0 and at most 100');
	} else if (!Number.isFinite(t) || t < 1) bad('target', 'too_small', 'a count target is at least 1');
	else if (!Number.isInteger(t) || t > 1000) bad('target', 'not_whole', 'a count target is a whole number');
	if (input.activeTo !== null && input.activeTo < input.activeFrom) {
		bad('activeTo', 'end_before_start', 'the last day cannot be before the first');
	}
	if (fields.length > 0) {
		const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
		throw { code: 'validation', message, fields, findings: [] } satisfies IpcError;
	}
	return { ...input, title };
}

function save(id: number | null, input: ObjectiveInput): Objective {
	const clean = validated(input);
	const now = new Date().toISOString().slice(0, 19) + 'Z';
	if (id === null) {
		const made: Objective = { ...clean, id: nextId++, createdAt: now, updatedAt: now };
		objectives.push(made);
		return made;
	}
	const at = objectives.findIndex((o) => o.id === id);
	if (at < 0) throw { code: 'not_found', message: `objective ${id} not found`, fields: [], findings: [] } satisfies IpcError;
	const updated: Objective = { ...(objectives[at] as Objective), ...clean, updatedAt: now };
	objectives[at] = updated;
	return updated;
}

const EXAMPLES: [string, string, Department, ObjectiveInput['metric'], number][] = [
	['Chaque marketeur passe au moins une journée sur le terrain par trimestre', 'Each marketer spends at least one day in the field per quarter', 'marketing', 'each_person_visits', 1],
	['Chaque équipe commerciale accueille au moins 3 journées par trimestre', 'Each sales team hosts at least 3 days per quarter', 'sales', 'each_team_hosts', 3],
	['Chaque brief commercial compte au moins un marketeur', 'Every sales brief has at least one marketer', 'sales', 'briefs_with_marketer', 100],
	['Au moins 80 % des formations sont mixtes', 'At least 80% of trainings are mixed', 'marketing', 'mixed_trainings', 80]
];

function tookPlace(a: ActivityRecord, p: ParticipantRecord): boolean {
	return a.status !== 'cancelled' && (p.status === 'attended' || (a.status === 'done' && ['invited', 'accepted', 'tentative'].includes(p.status)));
}
function mayStill(a: ActivityRecord, p: ParticipantRecord): boolean {
	return a.status !== 'cancelled' && a.status !== 'done' && ['invited', 'accepted', 'tentative'].includes(p.status);
}
function isExchange(a: ActivityRecord, p: ParticipantRecord): boolean {
	if (a.kind === 'shadowing') return p.role === 'visitor' || p.role === 'host';
	if (a.kind === 'brief') return p.role === 'attendee' && p.department !== 'sales';
	return p.role === 'attendee';
}

interface Unit {
	hb: Holdback;
	started: boolean;
	evidence: number[];
	planned: number[];
}

function unit(kind: Holdback['kind'], id: number | null, label: string, team: string, needed: number): Unit {
	return { hb: { kind, id, label, team, day: null, done: 0, planned: 0, needed, missing: [] }, started: false, evidence: [], planned: [] };
}

function units(o: Objective, acts: ActivityRecord[], people: PersonRow[], now: number, seriesTeam: Map<number, string>): Unit[] {
	const n = Math.round(o.target);
	const ours = people.filter((p) => p.department === o.department);
	const count = (u: Unit, a: ActivityRecord, took: boolean) => {
		if (took) {
			u.hb.done += 1;
			u.evidence.push(a.id);
		} else {
			u.hb.planned += 1;
			u.planned.push(a.id);
		}
	};
	if (o.metric === 'each_person_visits' || o.metric === 'each_person_exchanges') {
		const map = new Map(ours.filter((p) => p.active).map((p) => [p.id, unit('person', p.id, p.fullName, p.team, n)]));
		for (const a of acts)
			for (const p of a.participants) {
				const u = map.get(p.personId);
				const fits = o.metric === 'each_person_visits' ? a.kind === 'shadowing' && p.role === 'visitor' : isExchange(a, p);
				if (u && fits && (tookPlace(a, p) || mayStill(a, p))) count(u, a, tookPlace(a, p));
			}
		return [...map.values()];
	}
	if (o.metric === 'each_team_hosts') {
		const teamOf = new Map(ours.filter((p) => p.team).map((p) => [p.id, p.team]));
		const map = new Map(ours.filter((p) => p.active && p.team).map((p) => [p.team, unit('team', null, p.team, '', n)]));
		for (const a of acts.filter((a) => a.kind === 'shadowing'))
			for (const p of a.participants.filter((p) => p.role === 'host')) {
				const u = map.get(teamOf.get(p.personId) ?? '');
				if (u && (tookPlace(a, p) || mayStill(a, p))) count(u, a, tookPlace(a, p));
			}
		return [...map.values()];
	}
	const brief = o.metric === 'briefs_with_marketer';
	const teams = new Set(ours.map((p) => p.team));
	const sides: Department[] = brief ? ['marketing'] : ['marketing', 'sales'];
	return acts
		.filter((a) => a.kind === (brief ? 'brief' : 'training'))
		.filter((a) => !brief || (a.seriesId !== null && teams.has(seriesTeam.get(a.seriesId) ?? '')))
		.map((a) => {
			const u = unit('activity', a.id, a.title, brief ? (seriesTeam.get(a.seriesId ?? 0) ?? '') : '', 1);
			u.hb.day = localDay(a.start, 'Europe/Paris');
			u.started = Date.parse(a.start) <= now;
			const came = (d: Department) => a.participants.some((p) => p.role === 'attendee' && p.department === d && tookPlace(a, p));
			const may = (d: Department) => came(d) || a.participants.some((p) => p.role === 'attendee' && p.department === d && mayStill(a, p));
			u.hb.missing = sides.filter((d) => !came(d));
			if (sides.every(came)) count(u, a, true);
			else if (sides.every(may)) count(u, a, false);
			return u;
		});
}

function periodsOf(label: string, cadence: Cadence): string[] {
	const kind = labelCadence(label);
	const start = labelStart(label);
	if (!kind || !start) return [];
	const end = labelStart(shiftLabel(label, 1)) ?? start;
	const out: string[] = [];
	for (let p = periodLabel(cadence, start); (labelStart(p) ?? end) < end; p = shiftLabel(p, 1)) out.push(p);
	return out;
}

function evaluate(label: string, ctx: ObjectivesMockContext): ObjectiveProgress[] {
	if (!labelCadence(label.trim())) invalid('period', 'invalid_period', `${label} is not a period: write 2027-Q1, 2027-03 or 2027`);
	const today = ctx.today();
	const now = Date.now();
	const people = ctx.people();
	const seriesTeam = new Map((ctx.call('series_list', {}) as Series[]).map((s) => [s.id, s.team]));
	const out: ObjectiveProgress[] = [];
	for (const o of objectives) {
		for (const p of periodsOf(label.trim(), o.cadence)) {
			const from = labelStart(p) as string;
			const next = labelStart(shiftLabel(p, 1)) as string;
			const to = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
			if (o.activeFrom > to || (o.activeTo !== null && o.activeTo < from)) continue;
			const all = ctx.call('activities_list', { query: { from: `${from}T00:00:00Z`, to: `${next}T00:00:00Z`, kind: null, personId: null } }) as ActivityRecord[];
			const acts = all.filter((a) => a.status !== 'cancelled' && localDay(a.start, 'Europe/Paris') >= from && localDay(a.start, 'Europe/Paris') <= to);
			const us = units(o, acts, people, now, seriesTeam);
			const met = us.filter((u) => u.hb.done >= u.hb.needed);
			const projected = us.filter((u) => u.hb.done + u.hb.planned >= u.hb.needed);
			const pct = (part: number, whole: number) => (whole > 0 ? (part * 100) / whole : null);
			const required = isPercent(o.metric) ? o.target : 100;
			const share = pct(met.length, us.length);
			const projectedShare = pct(projected.length, us.length);
			const reaches = (s: number | null) => s === null || s + 1e-9 >= required;
			const finished = to < today;
			const started = us.filter((u) => u.started);
			const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
			const begun = Math.min(days, Math.max(0, (Date.parse(today) - Date.parse(from)) / 86_400_000 + 1));
			const needed = us.reduce((s, u) => s + u.hb.needed, 0);
			const done = us.reduce((s, u) => s + Math.min(u.hb.done, u.hb.needed), 0);
			const onPace = isPercent(o.metric)
				? reaches(pct(started.filter((u) => u.hb.done >= u.hb.needed).length, started.length))
				: needed === 0 || done / needed >= begun / days;
			const status = reaches(share) ? 'on_track' : finished || !reaches(projectedShare) ? 'behind' : onPace ? 'on_track' : 'at_risk';
			out.push({
				objective: o,
				period: p,
				from,
				to,
				percent: isPercent(o.metric),
				total: us.length,
				met: met.length,
				share,
				required,
				progress: share === null ? 1 : Math.min(1, share / required),
				projectedShare,
				finished,
				status,
				holdersBack: us
					.filter((u) => u.hb.done < u.hb.needed)
					.sort((a, b) => b.hb.needed - b.hb.done - (a.hb.needed - a.hb.done) || a.hb.done + a.hb.planned - (b.hb.done + b.hb.planned))
					.map((u) => u.hb),
				evidence: us.flatMap((u) => u.evidence),
				planned: us.flatMap((u) => u.planned)
			});
		}
	}
	return out;
}

/** Answers an objective command, or `undefined` for any other. */
export function mockObjectives(cmd: string, args: Record<string, unknown>, ctx: ObjectivesMockContext): unknown {
	switch (cmd) {
		case 'objectives_list':
			return [...objectives].sort((a, b) => a.department.localeCompare(b.department) || a.title.localeCompare(b.title, 'fr'));
		case 'objective_save':
			return save((args.id as number | null) ?? null, args.input as ObjectiveInput);
		case 'objective_delete': {
			const at = objectives.findIndex((o) => o.id === args.id);
			if (at < 0) throw { code: 'not_found', message: `objective ${String(args.id)} not found`, fields: [], findings: [] } satisfies IpcError;
			return objectives.splice(at, 1)[0];
		}
		case 'objectives_add_examples': {
			const en = args.language === 'en';
			return EXAMPLES.map(([fr, english, department, metric, target]) =>
				save(null, { title: en ? english : fr, department, metric, target, cadence: 'quarter', activeFrom: args.activeFrom as string, activeTo: null })
			);
		}
		case 'objectives_evaluate':
			return evaluate(String(args.period), ctx);
		default:
			return undefined;
	}
}
