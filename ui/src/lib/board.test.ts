import { describe, expect, it } from 'vitest';
import type { Absence } from './bindings/Absence';
import { activitySlots, boardRecords, columnAt, columnsOf, dragDelta, layoutBoard, visibleRows } from './board';
import { activity, allDay, halfDay, part, person, ZONE } from './test-fixtures';
import { dayRange } from './time';

const days = dayRange('2027-01-11', 30);
const alice = person(1, { fullName: 'Alice Martin' });
const bruno = person(2, { fullName: 'Bruno Petit', department: 'sales', team: 'Ventes Sud-Ouest' });

describe('half-day slots', () => {
	it('place a morning, an afternoon and a whole day on the right half-days', () => {
		const am = halfDay(1, '2027-01-12', 'am', []);
		const pm = halfDay(2, '2027-01-12', 'pm', []);
		const full = halfDay(3, '2027-01-12', 'full', []);
		expect(activitySlots(am, '2027-01-11'), 'Tuesday morning is slot 2 (Monday has 0 and 1)').toEqual([2, 3]);
		expect(activitySlots(pm, '2027-01-11'), 'Tuesday afternoon is slot 3').toEqual([3, 4]);
		expect(activitySlots(full, '2027-01-11'), 'a whole day covers both halves').toEqual([2, 4]);
	});

	it('use the activity’s zone, not UTC, for all-day items', () => {
		const co = allDay(4, '2027-01-12', '2027-01-12', []);
		expect(co.start, 'fixture: local midnight in Paris is 23:00 UTC the day before').toBe('2027-01-11T23:00:00Z');
		expect(activitySlots(co, '2027-01-11'), 'the co-location day is Tuesday, not Monday').toEqual([2, 4]);
	});
});

describe('board layout', () => {
	it('puts each activity in the row of everyone taking part, at its day', () => {
		const shadow = halfDay(1, '2027-01-12', 'am', [part(alice, { role: 'visitor' }), part(bruno, { role: 'host' })]);
		const layout = layoutBoard([alice, bruno], days, [shadow], []);
		expect(layout.itemCount, 'one activity, two people: two items').toBe(2);
		const item = layout.rows[0]?.items[0];
		expect(item?.col, 'Tuesday is the second column').toBe(1);
		expect(item?.span, 'a half-day spans one column').toBe(1);
		expect([item?.top, item?.height], 'a morning sits in the upper half of the row').toEqual([0, 0.5]);
	});

	it('keeps a morning and an afternoon of the same day side by side without overlap', () => {
		const am = halfDay(1, '2027-01-12', 'am', [part(alice)]);
		const pm = halfDay(2, '2027-01-12', 'pm', [part(alice)]);
		const [a, b] = layoutBoard([alice], days, [am, pm], []).rows[0]?.items ?? [];
		expect([a?.top, a?.height, a?.overlaps], 'the morning keeps the upper half').toEqual([0, 0.5, false]);
		expect([b?.top, b?.height, b?.overlaps], 'the afternoon keeps the lower half').toEqual([0.5, 0.5, false]);
	});

	it('stacks activities that really overlap so none hides another, and marks them', () => {
		const one = halfDay(1, '2027-01-12', 'full', [part(bruno, { role: 'host' })]);
		const two = halfDay(2, '2027-01-12', 'am', [part(bruno, { role: 'host' })]);
		const items = layoutBoard([bruno], days, [one, two], []).rows[0]?.items ?? [];
		expect(items.map((i) => [i.top, i.height]), 'two lanes of half the row each').toEqual([
			[0, 0.5],
			[0.5, 0.5]
		]);
		expect(items.every((i) => i.overlaps), 'both are flagged as overlapping').toBe(true);
	});

	it('clips activities that run past the window and skips those outside it', () => {
		const long = allDay(1, '2027-01-08', '2027-01-12', [part(alice)]);
		const outside = allDay(2, '2027-03-01', '2027-03-01', [part(alice)]);
		const items = layoutBoard([alice], days, [long, outside], []).rows[0]?.items ?? [];
		expect(items.length, 'the March item is outside the 30 days').toBe(1);
		expect([items[0]?.col, items[0]?.span, items[0]?.clippedStart], 'it starts at column 0, clipped').toEqual([0, 2, true]);
	});

	it('leaves out cancelled activities and people who are not coming, unless asked', () => {
		const cancelled = halfDay(1, '2027-01-12', 'am', [part(alice)]);
		cancelled.status = 'cancelled';
		const declined = halfDay(2, '2027-01-13', 'am', [part(alice, { status: 'declined' })]);
		expect(layoutBoard([alice], days, [cancelled, declined], []).itemCount, 'neither occupies Alice').toBe(0);
		expect(
			layoutBoard([alice], days, [cancelled, declined], [], { showCancelled: true }).itemCount,
			'cancelled ones show on request; a decline still does not'
		).toBe(1);
	});

	it('greys absences per person and holidays for everyone', () => {
		const absences: Absence[] = [
			{ id: 1, personId: 1, firstDay: '2027-01-09', lastDay: '2027-01-12', reason: 'Congés', source: 'manual' },
			{ id: 2, personId: null, firstDay: '2027-01-14', lastDay: '2027-01-14', reason: 'Fermeture', source: 'manual' }
		];
		const layout = layoutBoard([alice, bruno], days, [], absences);
		expect([...(layout.rows[0]?.absent.keys() ?? [])], 'Alice is away Monday and Tuesday of the window').toEqual([0, 1]);
		expect(layout.rows[1]?.absent.size, 'Bruno is not away').toBe(0);
		expect(layout.holidays.get(3), 'Thursday is a holiday for everyone, with its reason').toBe('Fermeture');
	});

	it('ignores activities of people who are filtered out', () => {
		const a = halfDay(1, '2027-01-12', 'am', [part(alice), part(bruno)]);
		expect(layoutBoard([bruno], days, [a], []).itemCount, 'only Bruno’s row is shown').toBe(1);
	});

	it('stays fast enough for 500 people over 30 days', () => {
		const people = Array.from({ length: 500 }, (_, i) => person(i + 1));
		const acts = Array.from({ length: 3000 }, (_, i) =>
			halfDay(i + 1, days[i % 30] ?? '2027-01-11', i % 2 ? 'am' : 'pm', [part(people[i % 500] ?? alice), part(people[(i * 7) % 500] ?? alice)])
		);
		const t0 = performance.now();
		const layout = layoutBoard(people, days, acts, []);
		const ms = performance.now() - t0;
		expect(layout.itemCount, 'every participant of every activity is placed').toBe(6000);
		expect(ms, `layout of 6,000 items took ${ms.toFixed(0)} ms; it runs on every filter change`).toBeLessThan(1500);
	});
});

describe('virtualisation and dragging', () => {
	it('renders only the rows in view plus an overscan', () => {
		expect(visibleRows(0, 400, 40, 500, 5), 'top of the list: rows 0–15').toEqual({ first: 0, last: 15 });
		expect(visibleRows(4000, 400, 40, 500, 5), 'scrolled to row 100').toEqual({ first: 95, last: 115 });
		expect(visibleRows(19_900, 400, 40, 500, 5), 'the end is clamped to the last row').toEqual({ first: 492, last: 499 });
		expect(visibleRows(0, 400, 40, 0), 'no rows, nothing to render').toEqual({ first: 0, last: -1 });
	});

	it('turns a horizontal drag into whole days, within the window', () => {
		expect(columnAt(95, 30, 30), '95 px is in the fourth column').toBe(3);
		expect(columnAt(-20, 30, 30), 'left of the grid clamps to the first column').toBe(0);
		expect(dragDelta(45, 140, 30, 30), 'from column 1 to column 4 is three days later').toBe(3);
		expect(dragDelta(140, 45, 30, 30), 'and back is three days earlier').toBe(-3);
		expect(dragDelta(45, 55, 30, 30), 'a wobble inside the column is no move').toBe(0);
	});

	it('maps a day range onto the window’s columns', () => {
		expect(columnsOf('2027-01-11', 30, '2027-01-09', '2027-01-12'), 'clipped at the start').toEqual([0, 1]);
		expect(columnsOf('2027-01-11', 30, '2027-03-01', '2027-03-02'), 'outside the window').toBeNull();
	});
});

describe('fixtures', () => {
	it('build activities in the Paris zone', () => {
		expect(activity(1).zone, 'every fixture is planned in Paris').toBe(ZONE);
	});
});

describe('boardRecords (board_list → the records the board draws)', () => {
	it('fills names from the people list and keeps kind, status, half-day, all-day and seats', () => {
		const people = [
			{ id: 1, fullName: 'Alice Martin', email: 'a@x.fr', department: 'marketing' as const, team: 'Brand' },
			{ id: 2, fullName: 'Bruno Petit', email: 'b@x.fr', department: 'sales' as const, team: 'Sud' }
		];
		const recs = boardRecords(
			[
				{
					id: 7,
					kind: 'shadowing',
					title: 'Vis ma vie',
					start: '2026-03-02T08:00:00Z',
					end: '2026-03-02T11:00:00Z',
					status: 'cancelled',
					allDay: false,
					halfDay: 'am',
					siteId: 3,
					zone: 'Europe/Paris',
					seats: [
						{ personId: 1, role: 'visitor', status: 'accepted' },
						{ personId: 2, role: 'host', status: 'declined' },
						{ personId: 9, role: 'attendee', status: 'invited' }
					]
				}
			],
			people,
			[{ id: 3, name: 'Paris' }]
		);
		const r = recs[0];
		expect(r).toMatchObject({ id: 7, kind: 'shadowing', status: 'cancelled', halfDay: 'am', allDay: false, zone: 'Europe/Paris', site: 'Paris' });
		expect(r?.participants.map((p) => [p.personId, p.name, p.role, p.status, p.department])).toEqual([
			[1, 'Alice Martin', 'visitor', 'accepted', 'marketing'],
			[2, 'Bruno Petit', 'host', 'declined', 'sales'],
			[9, '', 'attendee', 'invited', 'other']
		]);
		expect(layoutBoard([alice, bruno], ['2026-03-02'], recs, []).itemCount).toBe(0);
		expect(layoutBoard([alice, bruno], ['2026-03-02'], recs, [], { showCancelled: true }).itemCount).toBe(2);
	});
});
