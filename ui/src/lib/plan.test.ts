import { describe, expect, it } from 'vitest';
import type { PlanSuggestion } from './bindings/PlanSuggestion';
import { layoutBoard } from './board';
import { buildRequest, DEFAULT_WEIGHTS, defaultForm, filterPlan, ghostIndex, ghostRecords, isGhost, nextQuarter, progressFraction, type PlanForm } from './plan';
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
		{ visitor: 'alice@example.fr', host: 'Bruno@Example.fr', start: '2027-01-12T08:00:00Z', end: '2027-01-12T11:30:00Z', site: 'Lyon', halfDay: 'am', reason: 'new pair' },
		{ visitor: 'alice@example.fr', host: 'chloe@example.fr', start: '2027-01-14T12:30:00Z', end: '2027-01-14T16:30:00Z', site: '', halfDay: 'pm', reason: 'new team' },
		{ visitor: 'nobody@example.fr', host: 'ghost@example.fr', start: '2027-01-15T08:00:00Z', end: '2027-01-15T11:30:00Z', site: '', halfDay: 'am', reason: 'x' }
	],
	unplaced: [{ email: 'denis@example.fr', reason: 'no free host' }],
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
