/**
 * Dev mock of "Suggest a plan": a simple round-robin planner (not the real one) that streams progress through the
 * channel, honours `plan_cancel`, avoids days the visitor or host already has something or is away, and accepts a
 * plan by creating each proposal through the scheduling mock (so its clash rules refuse some).
 */
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { ActivityInput } from '$lib/bindings/ActivityInput';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { Absence } from '$lib/bindings/Absence';
import type { Department } from '$lib/bindings/Department';
import type { HalfDay } from '$lib/bindings/HalfDay';
import type { PlanApplied } from '$lib/bindings/PlanApplied';
import type { PlanProgress } from '$lib/bindings/PlanProgress';
import type { PlanProposal } from '$lib/bindings/PlanProposal';
import type { PlanRequest } from '$lib/bindings/PlanRequest';
import type { PlanSuggestion } from '$lib/bindings/PlanSuggestion';
import type { PlanUnplaced } from '$lib/bindings/PlanUnplaced';
import type { PlanWeights } from '$lib/bindings/PlanWeights';
import { DEFAULT_WEIGHTS, invalidWeights } from '$lib/plan';
import { addDays, isWeekend, localDay, zonedInstant } from '$lib/time';

const ZONE = 'Europe/Paris';

export interface PlanMockPerson {
	id: number;
	fullName: string;
	email: string;
	department: Department;
	siteId: number | null;
	active: boolean;
}

export interface PlanMockContext {
	people: () => PlanMockPerson[];
	siteName: (id: number | null) => string;
	/** Runs another mock command (activities_list, absences_list, activity_create). */
	call: (cmd: string, args: Record<string, unknown>) => unknown;
}

let cancelled = false;
let savedWeights: PlanWeights = { ...DEFAULT_WEIGHTS };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TIMES: Record<HalfDay, [number, number, number, number]> = { am: [9, 0, 12, 30], pm: [14, 0, 17, 30], full: [9, 0, 17, 30] };

async function suggest(req: PlanRequest, ctx: PlanMockContext, send: (p: PlanProgress) => void): Promise<PlanSuggestion> {
	cancelled = false;
	send({ phase: 'load', done: 0, total: 1 });
	await sleep(300);
	const days: string[] = [];
	for (let d = req.from; d <= req.to && days.length < 400; d = addDays(d, 1)) if (!isWeekend(d)) days.push(d);
	const people = ctx.people().filter((p) => p.active);
	const from = zonedInstant(req.from, 0, 0, ZONE);
	const to = zonedInstant(addDays(req.to, 1), 0, 0, ZONE);
	const acts = ctx.call('activities_list', { query: { from, to, kind: null, personId: null } }) as ActivityRecord[];
	const absences = ctx.call('absences_list', { first: req.from, last: req.to }) as Absence[];
	const busy = new Set<string>();
	for (const a of acts) {
		if (a.status === 'cancelled') continue;
		for (const p of a.participants) busy.add(`${p.personId}:${localDay(a.start, a.zone)}`);
	}
	for (const ab of absences)
		for (let d = ab.firstDay; d <= ab.lastDay; d = addDays(d, 1))
			for (const p of ab.personId === null ? people : people.filter((x) => x.id === ab.personId)) busy.add(`${p.id}:${d}`);

	const visitors = people.filter((p) => req.visitors.includes(p.department));
	const hosts = people.filter((p) => req.hosts.includes(p.department));
	const proposals: PlanProposal[] = [];
	const unplaced: PlanUnplaced[] = [];
	const load = new Map<number, number>();
	const total = visitors.length;
	for (const [vi, v] of visitors.entries()) {
		if (cancelled) break;
		if (vi % 4 === 0) {
			send({ phase: 'construct', done: vi, total });
			await sleep(60);
		}
		const candidates = hosts
			.filter((h) => h.id !== v.id && (h.department === 'marketing') !== (v.department === 'marketing'))
			.filter((h) => req.crossSite || h.siteId === v.siteId)
			.sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id);
		let placed = 0;
		for (let k = 0; k < req.perVisitor && days.length > 0; k++) {
			const start = (vi * 3 + k * 7 + Number(req.seed)) % days.length;
			let done = false;
			for (let s = 0; s < days.length && !done; s++) {
				const day = days[(start + s) % days.length]!;
				if (busy.has(`${v.id}:${day}`)) continue;
				const host = candidates.find((h) => !busy.has(`${h.id}:${day}`));
				if (!host) continue;
				const half: HalfDay = req.halfDays ? ((vi + k) % 2 === 0 ? 'am' : 'pm') : 'full';
				const [h0, m0, h1, m1] = TIMES[half];
				proposals.push({
					visitor: v.email,
					host: host.email,
					start: zonedInstant(day, h0, m0, ZONE),
					end: zonedInstant(day, h1, m1, ZONE),
					site: ctx.siteName(host.siteId),
					halfDay: half,
					reason: `${v.fullName} has not yet shadowed ${host.fullName}; ${host.fullName} has hosted 0 time(s) this quarter, ${(load.get(host.id) ?? 0) + 1} in this plan`,
					reasons: [
						{ code: 'novel_host', visitor: v.fullName, host: host.fullName },
						{ code: 'host_load', host: host.fullName, before: 0, planned: (load.get(host.id) ?? 0) + 1 }
					]
				});
				busy.add(`${v.id}:${day}`).add(`${host.id}:${day}`);
				load.set(host.id, (load.get(host.id) ?? 0) + 1);
				placed++;
				done = true;
			}
		}
		if (placed < req.perVisitor)
			unplaced.push({
				email: v.email,
				reason: `${placed} of ${req.perVisitor} exchange(s) placed: ${candidates.length === 0 ? `no host in the chosen pools can receive ${v.fullName}` : `every possible host is busy when ${v.fullName} is free`}`,
				reasons: [
					{ code: 'short', got: placed, target: req.perVisitor },
					candidates.length === 0 ? { code: 'no_host', visitor: v.fullName } : { code: 'hosts_full', visitor: v.fullName }
				]
			});
	}
	for (let i = 0; i <= 4 && !cancelled; i++) {
		send({ phase: 'improve', done: i * 50, total: 200 });
		await sleep(250);
	}
	send({ phase: 'validate', done: proposals.length, total: proposals.length });
	proposals.sort((a, b) => a.start.localeCompare(b.start));
	const w = req.weights;
	const parts = { coverage: proposals.length, newPairs: proposals.length, newTeams: proposals.length, reciprocity: 0, sameWeek: 0, weekOverload: 0, hostLoad: [...load.values()].reduce((s, n) => s + n * n, 0), newcomer: 0, repeat: 0 };
	const totalScore = w.coverage * parts.coverage + w.newPair * parts.newPairs + w.newTeam * parts.newTeams - w.hostLoad * parts.hostLoad;
	return { proposals, unplaced, objective: { total: totalScore, parts, weights: w, wanted: visitors.length * req.perVisitor } };
}

function apply(plan: PlanSuggestion, ctx: PlanMockContext): PlanApplied {
	const byEmail = new Map(ctx.people().map((p) => [p.email.toLowerCase(), p]));
	const out: PlanApplied = { created: [], refused: [] };
	for (const p of plan.proposals) {
		const v = byEmail.get(p.visitor.toLowerCase());
		const h = byEmail.get(p.host.toLowerCase());
		if (!v || !h) {
			out.refused.push({ visitor: p.visitor, host: p.host, start: p.start, code: 'not_found', message: 'person not found' });
			continue;
		}
		const input: ActivityInput = {
			kind: 'shadowing',
			title: '',
			description: p.reason,
			siteId: h.siteId,
			location: '',
			start: p.start,
			end: p.end,
			timezone: ZONE,
			allDay: false,
			status: 'planned',
			organizerId: null,
			halfDay: p.halfDay,
			capacity: null,
			mixMinMarketing: null,
			mixMinSales: null,
			seriesId: null,
			goals: '',
			participants: [
				{ personId: v.id, role: 'visitor', status: 'invited' },
				{ personId: h.id, role: 'host', status: 'invited' }
			]
		};
		try {
			const rec = ctx.call('activity_create', { input, confirm: true }) as ActivityRecord;
			out.created.push({ visitor: p.visitor, host: p.host, start: p.start, activityId: rec.id });
		} catch (e) {
			const err = e as { code?: ErrorCode; message?: string };
			out.refused.push({ visitor: p.visitor, host: p.host, start: p.start, code: err.code ?? 'clash', message: err.message ?? 'refused' });
		}
	}
	return out;
}

/** Handles the plan commands; `undefined` for any other. */
export async function mockPlan(cmd: string, args: Record<string, unknown>, ctx: PlanMockContext): Promise<unknown> {
	switch (cmd) {
		case 'plan_suggest': {
			const channel = args.onProgress as { onmessage?: (p: PlanProgress) => void } | undefined;
			return suggest(args.request as PlanRequest, ctx, (p) => channel?.onmessage?.(p));
		}
		case 'plan_cancel':
			cancelled = true;
			return null;
		case 'plan_apply':
			return apply(args.plan as PlanSuggestion, ctx);
		case 'plan_weights':
			return { ...savedWeights };
		case 'plan_weights_update': {
			const w = args.weights as PlanWeights;
			const bad = invalidWeights(w);
			if (bad.length > 0)
				throw { code: 'validation', message: 'invalid weights', fields: bad.map((field) => ({ field, code: 'out_of_range', message: `between 0 and 10000` })), findings: [] };
			savedWeights = { ...w };
			return { ...savedWeights };
		}
		default:
			return undefined;
	}
}
