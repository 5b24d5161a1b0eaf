import { describe, expect, it } from 'vitest';
import type { PlanSuggestion } from './bindings/PlanSuggestion';
import { layoutBoard } from './board';
import {
	buildRequest,
	DEFAULT_WEIGHTS,
	defaultForm,
	filterPlan,
	ghostIndex,
	ghostRecords,
	invalidWeights,
	isGhost,
	nextQuarter,
	progressFraction,
	reasonText,
	WEIGHT_GROUPS,
	WEIGHT_KEYS,
	type PlanForm
} from './plan';
import type { PlanReason } from './bindings/PlanReason';
import { person, ZONE } from './test-fixtures';
import { dayRange } from './time';

const form: PlanForm = {
	from: '2027-01-11',
	to: '2027-01-29',
	reciprocal: false,
	hostSales: true,
	hostCrc: true,
	perVisitor: 2,
	halfDays: true,
	crossSite: false,
	seed: 7
};

const alice = person(1, { fullName: 'Alice Martin', email: 'alice@example.fr' });
const bruno = person(2, { fullName: 'Bruno Petit', email: 'bruno@example.fr', department: 'sales' });
const chloe = person(3, { fullName: 'Chloé Roux', email: 'chloe@example.fr', department: 'crc' });

const plan: PlanSuggestion = {
	proposals: [
		{ visitor: 'alice@example.fr', host: 'Bruno@Example.fr', start: '2027-01-12T08:00:00Z', end: '2027-01-12T11:30:00Z', site: 'Lyon', halfDay: 'am', reason: 'new pair', reasons: [] },
		{ visitor: 'alice@example.fr', host: 'chloe@example.fr', start: '2027-01-14T12:30:00Z', end: '2027-01-14T16:30:00Z', site: '', halfDay: 'pm', reason: 'new team', reasons: [] },
		{ visitor: 'nobody@example.fr', host: 'ghost@example.fr', start: '2027-01-15T08:00:00Z', end: '2027-01-15T11:30:00Z', site: '', halfDay: 'am', reason: 'x', reasons: [] }
	],
	unplaced: [{ email: 'denis@example.fr', reason: 'no free host', reasons: [] }],
	objective: {
		total: 2000,
		parts: { coverage: 2, newPairs: 2, newTeams: 2, reciprocity: 0, sameWeek: 0, weekOverload: 0, hostLoad: 2, newcomer: 0, repeat: 0 },
		weights: DEFAULT_WEIGHTS,
		wanted: 4
	}
};

describe('plan request from the form', () => {
	it('sends marketing as visitors and the ticked pools as hosts', () => {
		const r = buildRequest(form);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.request).toEqual({
			from: '2027-01-11',
			to: '2027-01-29',
			visitors: ['marketing'],
			hosts: ['sales', 'crc'],
			perVisitor: 2,
			halfDays: true,
			crossSite: false,
			seed: 7,
			weights: DEFAULT_WEIGHTS
		});
	});

	it('with reciprocity, the pools also visit and marketing hosts', () => {
		const r = buildRequest({ ...form, reciprocal: true, hostCrc: false });
		expect(r.ok && r.request.visitors).toEqual(['marketing', 'sales']);
		expect(r.ok && r.request.hosts).toEqual(['sales', 'marketing']);
	});

	it('refuses an inverted period, no host pool and bad numbers', () => {
		const r = buildRequest({ ...form, to: '2027-01-01', hostSales: false, hostCrc: false, perVisitor: 0, seed: -1 });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({ to: 'invalid_range', hosts: 'no_hosts', perVisitor: 'invalid_number', seed: 'invalid_number' });
		const empty = buildRequest({ ...form, from: '' });
		expect(!empty.ok && empty.errors.from).toBe('required');
	});

	it('defaults to the visible range from tomorrow, else the next quarter', () => {
		expect(defaultForm('2027-01-11', '2027-02-09', '2027-01-13')).toMatchObject({ from: '2027-01-14', to: '2027-02-09', hostSales: true, hostCrc: true });
		expect(defaultForm('2027-01-11', '2027-02-09', '2027-01-05')).toMatchObject({ from: '2027-01-11', to: '2027-02-09' });
		expect(defaultForm('2027-01-11', '2027-02-09', '2027-03-01')).toMatchObject({ from: '2027-04-01', to: '2027-06-30' });
		expect(nextQuarter('2027-11-20')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
		expect(nextQuarter('2027-02-28')).toEqual({ from: '2027-04-01', to: '2027-06-30' });
	});
});

describe('plan progress and selection', () => {
	it('maps the phases onto one bar', () => {
		expect(progressFraction(null)).toBe(0);
		expect(progressFraction({ phase: 'load', done: 0, total: 1 })).toBe(0);
		expect(progressFraction({ phase: 'improve', done: 50, total: 100 })).toBeCloseTo(0.625);
		expect(progressFraction({ phase: 'validate', done: 0, total: 0 })).toBe(0.75);
	});

	it('keeps only the selected proposals, and the rest of the plan', () => {
		const f = filterPlan(plan, new Set([1]));
		expect(f.proposals).toEqual([plan.proposals[1]]);
		expect(f.unplaced).toBe(plan.unplaced);
		expect(f.objective).toBe(plan.objective);
		expect(filterPlan(plan, new Set()).proposals).toEqual([]);
		expect(plan.proposals).toHaveLength(3);
	});
});

describe('ghost items', () => {
	it('become proposed shadowing records with negative ids, matched by email', () => {
		const ghosts = ghostRecords(plan, [alice, bruno, chloe], ZONE);
		expect(ghosts.map((g) => g.id), 'the proposal with nobody known is left out').toEqual([-1, -2]);
		expect(ghosts.every(isGhost)).toBe(true);
		expect(ghosts.map(ghostIndex)).toEqual([0, 1]);
		const g = ghosts[0]!;
		expect(g).toMatchObject({ kind: 'shadowing', status: 'proposed', halfDay: 'am', site: 'Lyon', description: 'new pair', title: 'Alice Martin → Bruno Petit' });
		expect(g.participants.map((p) => [p.personId, p.role])).toEqual([
			[1, 'visitor'],
			[2, 'host']
		]);
		expect(ghostRecords(plan, [alice, bruno, chloe], ZONE, new Set([1])).map((r) => r.id)).toEqual([-2]);
	});

	it('land on the board in both rows, at the right half-day', () => {
		const layout = layoutBoard([alice, bruno, chloe], dayRange('2027-01-11', 30), ghostRecords(plan, [alice, bruno, chloe], ZONE), [], { showCancelled: false });
		const row = (id: number) => layout.rows.find((r) => r.person.id === id)!;
		expect(row(1).items.map((i) => [i.activity.id, i.col, i.top, i.height])).toEqual([
			[-1, 1, 0, 0.5],
			[-2, 3, 0.5, 0.5]
		]);
		expect(row(2).items.map((i) => i.activity.id)).toEqual([-1]);
		expect(row(3).items.map((i) => i.activity.id)).toEqual([-2]);
	});
});

describe('weights', () => {
	it('every weight sits under exactly one of the five goals', () => {
		const grouped = WEIGHT_GROUPS.flatMap((g) => g.keys);
		expect([...grouped].sort()).toEqual([...WEIGHT_KEYS].sort());
		expect(WEIGHT_GROUPS.map((g) => g.goal)).toEqual(['coverage', 'novelty', 'reciprocity', 'spread', 'fairness']);
	});

	it('are whole numbers from 0 to 10,000, coverage at least 1, as core validates them', () => {
		expect(invalidWeights(DEFAULT_WEIGHTS)).toEqual([]);
		expect(invalidWeights({ ...DEFAULT_WEIGHTS, hostLoad: -1, newPair: 2.5, coverage: 0, repeat: 10_001 }).sort()).toEqual(['coverage', 'hostLoad', 'newPair', 'repeat']);
		expect(invalidWeights({ ...DEFAULT_WEIGHTS, hostLoad: 0, repeat: 10_000 })).toEqual([]);
	});

	it('the request carries the edited weights, and bad ones stop it', () => {
		const tuned = { ...DEFAULT_WEIGHTS, hostLoad: 12 };
		const r = buildRequest(form, tuned);
		expect(r.ok && r.request.weights).toEqual(tuned);
		const bad = buildRequest(form, { ...DEFAULT_WEIGHTS, newTeam: -3 });
		expect(!bad.ok && bad.errors.weights).toBe('invalid_weight');
	});
});

describe('reasons', () => {
	const reasons: PlanReason[] = [
		{ code: 'novel_team', visitor: 'Marie', team: 'Ventes Sud-Ouest' },
		{ code: 'host_load', host: 'Paul', before: 1, planned: 2 },
		{ code: 'newcomer', host: 'Paul' }
	];

	it('are rendered from their codes in French and in English', () => {
		expect(reasonText('fr', reasons, 'english')).toBe(
			'Marie n’a pas encore rendu visite à Ventes Sud-Ouest ; Paul a accueilli 1 fois ce trimestre, 2 dans ce planning ; Paul est arrivé(e) récemment'
		);
		expect(reasonText('en', reasons, 'english')).toBe('Marie has not yet visited Ventes Sud-Ouest; Paul has hosted 1 time this quarter, 2 in this plan; Paul joined recently');
		expect(reasonText('en', [{ code: 'host_load', host: 'Paul', before: 3, planned: 1 }], '')).toContain('3 times');
	});

	it('a shortfall reads with its cause, and an old plan file without codes shows its English reason', () => {
		const short: PlanReason[] = [
			{ code: 'short', got: 1, target: 2 },
			{ code: 'hosts_full', visitor: 'Marc' }
		];
		expect(reasonText('fr', short, '')).toBe('1 sur 2 placé(s) : tous les hôtes possibles sont occupés, complets ou à leur limite du mois quand Marc est libre'.replace(/^./, (c) => c.toUpperCase()));
		expect(reasonText('en', short, '')).toBe('1 of 2 placed: every possible host is busy, at capacity or at the monthly limit when Marc is free');
		expect(reasonText('fr', [], 'Marie has not yet visited X')).toBe('Marie has not yet visited X');
		expect(reasonText('fr', undefined, 'old file')).toBe('old file');
	});

	it('a proposal dropped by the clash check shows the finding in the UI language, with the host’s name', () => {
		const dropped: PlanReason = {
			code: 'dropped',
			host: 'paul@ex.fr',
			finding: { rule: 'holiday', severity: 'warning', message: 'holiday', people: [], personNames: [], dates: ['2027-05-01'], activities: [], activityTitles: [], limit: null, department: null, reason: null }
		};
		const fr = reasonText('fr', [dropped], '', (e) => (e === 'paul@ex.fr' ? 'Paul' : e));
		expect(fr).toContain('Une proposition avec Paul a été écartée');
		expect(fr).not.toContain('holiday');
	});

	it('ghost records describe themselves in the given language', () => {
		const withReasons: PlanSuggestion = { ...plan, proposals: [{ ...plan.proposals[0]!, reasons }] };
		const [g] = ghostRecords(withReasons, [alice, bruno], ZONE, undefined, (p) => reasonText('fr', p.reasons, p.reason));
		expect(g?.description).toContain('n’a pas encore rendu visite');
	});
});
