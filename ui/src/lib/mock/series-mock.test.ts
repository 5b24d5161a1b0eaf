import { describe, expect, it } from 'vitest';
import { SchedulingMock } from './scheduling';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { Rota } from '$lib/bindings/Rota';
import type { Series } from '$lib/bindings/Series';
import { reasonText } from '$lib/plan';
import { addDays, today } from '$lib/time';

const dir = {
	people: [
		{ id: 1, fullName: 'A B', email: 'a@x.fr', department: 'sales' as const, team: 'Sud', siteId: 1, managerId: null, active: true },
		{ id: 2, fullName: 'C D', email: 'c@x.fr', department: 'marketing' as const, team: 'Brand', siteId: 1, managerId: null, active: true }
	],
	sites: [{ id: 1, name: 'Paris', timezone: 'Europe/Paris', seats: 10, isCrc: false }]
};
const input = { title: '', team: 'Sud', siteId: 1, location: 'Salle', rrule: 'FREQ=WEEKLY;BYDAY=MO', firstDay: '2020-01-06', localStart: '08:30', durationMinutes: 45, timezone: 'Europe/Paris', exdates: [] };

describe('mock series', () => {
	it('creates a series with weekly occurrences and rejects bad input by field', () => {
		const m = new SchedulingMock(dir);
		const s = m.handle('series_create', { input }) as Series;
		expect(s.title).toBe('Brief – Sud');
		const briefs = m.handle('activities_list', { query: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', kind: 'brief', personId: null } }) as ActivityRecord[];
		expect(briefs.length).toBe(26);
		expect(() => m.handle('series_create', { input: { ...input, localStart: '8h', rrule: 'FREQ=DAILY' } })).toThrow();
		try {
			m.handle('series_update_from', { id: s.id, from: '2020-01-06', input: { ...input, team: 'Nord' } });
		} catch (e) {
			expect(JSON.stringify(e)).toContain('immutable');
		}
		const changed = m.handle('series_update_from', { id: s.id, from: '2020-01-06', input: { ...input, rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO' } }) as Series;
		expect(changed.sequence).toBe(1);
	});

	it('previews a rota whose assignments and gaps carry structured reasons, English kept as the reason', () => {
		const m = new SchedulingMock({
			...dir,
			people: [...dir.people, { id: 3, fullName: 'E F', email: 'e@x.fr', department: 'marketing' as const, team: 'Brand', siteId: 1, managerId: null, active: true }]
		});
		const start = addDays(today('Europe/Paris'), 1);
		const s = m.handle('series_create', { input: { ...input, rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', firstDay: start } }) as Series;
		const briefs = (m.handle('activities_list', { query: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', kind: 'brief', personId: null } }) as ActivityRecord[]).filter((b) => b.seriesId === s.id);
		const third = briefs[2]!.start.slice(0, 10);
		m.handle('absence_add', { input: { personId: null, firstDay: third, lastDay: third, reason: 'Fermeture' } });
		const rota = m.handle('brief_rota_preview', { seriesId: s.id, next: 3 }) as Rota;
		expect(rota.assignments.length, 'two of the three occurrences get a marketer').toBe(2);
		const [first, second] = rota.assignments;
		expect(first?.reasons.map((r) => r.code), 'a clean slate: fewest briefs, new to the team’s brief').toEqual(['fewest_briefs', 'novel_brief']);
		expect(second?.personId, 'the other marketer goes next').not.toBe(first?.personId);
		expect(rota.gaps.map((g) => g.reasons), 'the closed day is a gap that names the holiday').toEqual([[{ code: 'holiday', name: 'Fermeture' }]]);
		for (const x of [...rota.assignments, ...rota.gaps]) expect(x.reason, 'the English reason is the structured reasons in English').toBe(reasonText('en', x.reasons, ''));
	});
});
