/** Small builders for the scheduling tests (not shipped: only *.test.ts import it). */
import type { ActivityRecord } from './bindings/ActivityRecord';
import type { ParticipantRecord } from './bindings/ParticipantRecord';
import type { PersonRow } from './bindings/PersonRow';
import { halfDayBounds, wholeDayBounds } from './activities';
import type { HalfDay } from './bindings/HalfDay';

export const ZONE = 'Europe/Paris';

export function person(id: number, extra: Partial<PersonRow> = {}): PersonRow {
	return {
		id,
		fullName: `Person ${id}`,
		email: `p${id}@exemple.fr`,
		department: 'marketing',
		team: 'Marketing produit',
		siteId: 1,
		siteName: 'Paris',
		managerId: null,
		managerName: null,
		active: true,
		anonymised: false,
		...extra
	};
}

export function part(p: PersonRow, extra: Partial<ParticipantRecord> = {}): ParticipantRecord {
	return {
		personId: p.id,
		email: p.email,
		name: p.fullName,
		department: p.department,
		team: p.team,
		role: 'attendee',
		status: 'accepted',
		changedAt: '2027-01-05T09:00:00Z',
		...extra
	};
}

export function activity(id: number, extra: Partial<ActivityRecord> = {}): ActivityRecord {
	return {
		id,
		kind: 'shadowing',
		title: `Activity ${id}`,
		start: '2027-01-12T08:00:00Z',
		end: '2027-01-12T16:30:00Z',
		zone: ZONE,
		allDay: false,
		siteId: 1,
		site: 'Paris',
		location: '',
		status: 'planned',
		uid: `${id}@test`,
		sequence: 0,
		halfDay: 'full',
		capacity: null,
		seriesId: null,
		description: '',
		goals: '',
		organizerId: null,
		mixMinMarketing: null,
		mixMinSales: null,
		participants: [],
		...extra
	};
}

export function halfDay(id: number, day: string, half: HalfDay, participants: ParticipantRecord[]): ActivityRecord {
	return activity(id, { ...halfDayBounds(day, half, ZONE), halfDay: half, participants });
}

export function allDay(id: number, first: string, last: string, participants: ParticipantRecord[]): ActivityRecord {
	return activity(id, { kind: 'colocation', ...wholeDayBounds(first, last, ZONE), allDay: true, halfDay: 'full', participants });
}
