import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { DebriefCompletion } from '$lib/bindings/DebriefCompletion';
import type { PendingDebrief } from '$lib/bindings/PendingDebrief';
import type { PersonRow } from '$lib/bindings/PersonRow';
import { mockDebriefs } from './debriefs';

const person = (id: number, department: PersonRow['department'], team: string): PersonRow => ({
	id, fullName: `P${id}`, email: `p${id}@x.fr`, department, team, siteId: null, siteName: null, managerId: null, managerName: null, active: true, anonymised: false
});
const people = [person(1, 'marketing', 'Marque'), person(2, 'sales', 'Ventes A'), person(3, 'other', 'Direction')];

function activity(id: number, start: string, status: ActivityRecord['status'], parts: [number, string, string][]): ActivityRecord {
	return {
		id, kind: 'shadowing', title: `Vis ma vie ${id}`, start, end: start, zone: 'Europe/Paris', allDay: false, siteId: null, site: null, location: '',
		status, uid: `${id}@t`, sequence: 0, halfDay: 'full', capacity: null, seriesId: null, description: '', goals: '', organizerId: null,
		mixMinMarketing: null, mixMinSales: null,
		participants: parts.map(([personId, role, st]) => ({
			personId, email: `p${personId}@x.fr`, name: `P${personId}`, department: people[personId - 1]!.department, team: people[personId - 1]!.team,
			role, status: st, changedAt: start
		})) as ActivityRecord['participants']
	};
}

// Two days ago (recent, so the mock seeds no debrief for it) and a cancelled one.
const recent = new Date(Date.now() - 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const day = recent.slice(0, 10);
const activities = [
	activity(1, recent, 'done', [[1, 'visitor', 'attended'], [2, 'host', 'accepted'], [3, 'organizer', 'accepted']]),
	activity(2, recent, 'cancelled', [[1, 'visitor', 'attended'], [2, 'host', 'attended']])
];
const ctx = { people: () => people, call: () => activities };

describe('mock debrief commands', () => {
	it('lists pending debriefs, saves one, and counts completion like the Rust side', () => {
		const pending = () => (mockDebriefs('debriefs_pending', { personId: null }, ctx) as PendingDebrief[]).map((p) => `${p.activityId}/${p.personId}`);
		expect(pending(), 'visitor and host of the day that took place; no organizer, nothing cancelled').toEqual(['1/1', '1/2']);
		expect(() => mockDebriefs('debrief_save', { input: { activityId: 1, personId: 1, rating: 0, learned: '', customerNeeds: '', offerFeedback: '', offerTag: '' } }, ctx), 'rating 0 is refused').toThrow();
		mockDebriefs('debrief_save', { input: { activityId: 1, personId: 1, rating: 4, learned: 'x', customerNeeds: '', offerFeedback: '', offerTag: ' Éco-énergie ' } }, ctx);
		expect(pending(), 'a saved debrief leaves the pending list').toEqual(['1/2']);
		const c = mockDebriefs('debrief_completion', { from: day, to: day, by: 'department' }, ctx) as DebriefCompletion;
		expect([c.total.expected, c.total.filled], 'two expected, one filled').toEqual([2, 1]);
		expect(mockDebriefs('offer_tags', {}, ctx), 'the tag is stored trimmed').toEqual(['Éco-énergie']);
		expect(mockDebriefs('report_participation', {}, ctx), 'other commands are not answered here').toBeUndefined();
	});
});
