import { describe, expect, it } from 'vitest';
import {
	canMove,
	defaultMarks,
	direction,
	EMPTY_ACTIVITY_FILTER,
	filterActivities,
	halfDayBounds,
	lifecycleActions,
	matchesPerson,
	recordToInput,
	trainingRoster
} from './activities';
import { activity, halfDay, part, person } from './test-fixtures';

const marketer = person(1, { fullName: 'Zoé Martin', team: 'Marketing produit' });
const seller = person(2, { fullName: 'Noël Lefèvre', department: 'sales', team: 'Ventes Sud-Ouest', siteId: 2 });
const agent = person(3, { fullName: 'Inès Roux', department: 'crc', team: 'Relation client Lyon', siteId: 2 });

describe('shadowing direction', () => {
	it('pairs marketing with the field, either way, as the core does', () => {
		expect(direction('marketing', 'sales'), 'a marketer visiting sales').toEqual({ from: 'marketing', to: 'sales' });
		expect(direction('crc', 'marketing'), 'the CRC visiting marketing').toEqual({ from: 'crc', to: 'marketing' });
		expect(direction('sales', 'crc'), 'sales visiting the CRC is not this exchange').toBeNull();
		expect(direction('marketing', 'marketing'), 'marketers among themselves are not either').toBeNull();
	});

	it('uses the core’s half-day hours in the site’s zone', () => {
		expect(halfDayBounds('2027-01-12', 'pm', 'Europe/Paris'), '13:30–17:30 in Paris, winter').toEqual({
			start: '2027-01-12T12:30:00Z',
			end: '2027-01-12T16:30:00Z'
		});
	});
});

describe('lifecycle', () => {
	it('mirrors the allowed transitions: history is final', () => {
		expect(canMove('proposed', 'planned'), 'a proposal can be planned').toBe(true);
		expect(canMove('proposed', 'done'), 'nothing is done without being planned').toBe(false);
		expect(canMove('done', 'cancelled'), 'a done activity is history').toBe(false);
		expect(canMove('cancelled', 'planned'), 'a cancellation is undone only through undo_cancel').toBe(false);
	});

	it('offers confirm, done and cancel only when they make sense', () => {
		const now = new Date('2027-01-12T12:00:00Z');
		expect(lifecycleActions({ status: 'planned', start: '2027-01-20T08:00:00Z' }, now), 'a future planned activity').toEqual([
			'confirm',
			'cancel'
		]);
		expect(lifecycleActions({ status: 'confirmed', start: '2027-01-12T08:00:00Z' }, now), 'one that has started').toEqual([
			'done',
			'cancel'
		]);
		expect(lifecycleActions({ status: 'done', start: '2027-01-10T08:00:00Z' }, now), 'history offers nothing').toEqual([]);
	});
});

describe('filters', () => {
	const shadow = halfDay(1, '2027-01-12', 'am', [part(marketer, { role: 'visitor' }), part(seller, { role: 'host' })]);
	const coloc = activity(2, { kind: 'colocation', siteId: 2, participants: [part(marketer)] });
	const cancelled = activity(3, { status: 'cancelled', participants: [part(agent)] });
	const all = [shadow, coloc, cancelled];

	it('filter activities by department and team of the people taking part', () => {
		const ids = (f: Partial<typeof EMPTY_ACTIVITY_FILTER>) => filterActivities(all, { ...EMPTY_ACTIVITY_FILTER, ...f }).map((a) => a.id);
		expect(ids({}), 'cancelled ones are hidden by default').toEqual([1, 2]);
		expect(ids({ department: 'sales' }), 'only the shadowing has someone from sales').toEqual([1]);
		expect(ids({ team: 'Marketing produit' }), 'Zoé’s team takes part in both').toEqual([1, 2]);
		expect(ids({ department: 'sales', team: 'Marketing produit' }), 'department and team apply to the same person').toEqual([]);
	});

	it('filter by site and kind, and show cancelled ones on request', () => {
		const ids = (f: Partial<typeof EMPTY_ACTIVITY_FILTER>) => filterActivities(all, { ...EMPTY_ACTIVITY_FILTER, ...f }).map((a) => a.id);
		expect(ids({ site: 2 }), 'only the co-location is at site 2').toEqual([2]);
		expect(ids({ kinds: ['colocation'] }), 'kind toggles hide the others').toEqual([2]);
		expect(ids({ showCancelled: true }), 'the cancelled one comes back').toEqual([1, 2, 3]);
	});

	it('filter the board’s people by department, team and site, hiding inactive people', () => {
		expect(matchesPerson(seller, { department: 'sales', team: '', site: 2 }), 'Noël is in sales at site 2').toBe(true);
		expect(matchesPerson(seller, { department: '', team: 'Marketing produit', site: '' }), 'but not in that team').toBe(false);
		expect(matchesPerson({ ...marketer, active: false }, { department: '', team: '', site: '' }), 'inactive people are not planned').toBe(false);
	});
});

describe('trainings', () => {
	it('split the roster into trainer, seats, waitlist in order, and those not coming', () => {
		const a = activity(1, {
			kind: 'training',
			capacity: 2,
			participants: [
				part(agent, { role: 'trainer' }),
				part(marketer, { status: 'accepted' }),
				part(seller, { status: 'invited' }),
				part(person(4), { status: 'waitlisted' }),
				part(person(5), { status: 'declined' }),
				part(person(6), { status: 'waitlisted' })
			]
		});
		const r = trainingRoster(a);
		expect(r.trainers.map((p) => p.personId), 'the trainer takes no seat').toEqual([3]);
		expect(r.seated.map((p) => p.personId), 'accepted and invited people hold the seats').toEqual([1, 2]);
		expect(r.waitlist.map((p) => p.personId), 'equal times keep the server’s order').toEqual([4, 6]);
		expect(r.out.map((p) => p.personId), 'a decline is not coming').toEqual([5]);
		expect([r.marketingShare, r.salesShare], 'one marketer and one seller: half each').toEqual([50, 50]);
	});

	it('order the waitlist as the core promotes it: by change time, then as added', () => {
		const a = activity(1, {
			kind: 'training',
			capacity: 1,
			participants: [
				part(marketer),
				part(person(4), { status: 'waitlisted', changedAt: '2027-01-06T10:00:00Z' }),
				part(person(5), { status: 'waitlisted', changedAt: '2027-01-05T08:00:00Z' }),
				part(person(6), { status: 'waitlisted', changedAt: '2027-01-06T10:00:00Z' }),
				part(person(7), { status: 'waitlisted', changedAt: '2027-01-06T09:00:00+00:00' })
			]
		});
		expect(trainingRoster(a).waitlist.map((p) => p.personId), 'earliest first, ties in record order').toEqual([5, 7, 4, 6]);
	});

	it('propose “attended” for everyone expected, and keep marks already given', () => {
		const a = activity(1, { participants: [part(marketer), part(seller, { status: 'excused' }), part(agent, { status: 'declined' })] });
		expect([...defaultMarks(a)], 'declined people are not on the sheet').toEqual([
			[1, 'attended'],
			[2, 'excused']
		]);
	});
});

describe('record to input', () => {
	it('rebuilds the input of a record, participants included', () => {
		const a = halfDay(1, '2027-01-12', 'am', [part(marketer, { role: 'visitor' })]);
		const input = recordToInput(a);
		expect(input.timezone, 'the zone comes from the record').toBe('Europe/Paris');
		expect(input.participants, 'participants keep their role and status').toEqual([{ personId: 1, role: 'visitor', status: 'accepted' }]);
		const full = recordToInput({ ...a, goals: 'Comprendre', description: 'D', organizerId: 9, mixMinMarketing: 30, mixMinSales: 25 });
		expect(
			[full.goals, full.description, full.organizerId, full.mixMinMarketing, full.mixMinSales],
			'an edit keeps description, goals, organizer and mix rule'
		).toEqual(['Comprendre', 'D', 9, 30, 25]);
	});
});
