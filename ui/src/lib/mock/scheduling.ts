/**
 * Dev-only mock of the scheduling commands (activities, absences, planning rules) for `npm run dev:mock`. It mirrors
 * the Rust contract (`ops::activities`, `schedule::check`, `ops::attendance`): the same command names, arguments,
 * error codes (`validation`, `clash`, `needs_confirmation`, `not_found`) and finding shapes, over realistic demo data
 * around today. The Rust side stays the reference for the rules; this is close enough to exercise every screen.
 */
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { Absence } from '$lib/bindings/Absence';
import type { AbsenceInput } from '$lib/bindings/AbsenceInput';
import type { ActivityInput } from '$lib/bindings/ActivityInput';
import type { ActivityKind } from '$lib/bindings/ActivityKind';
import type { ActivityQuery } from '$lib/bindings/ActivityQuery';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { ActivityStatus } from '$lib/bindings/ActivityStatus';
import type { AttendanceMark } from '$lib/bindings/AttendanceMark';
import type { BoardItem } from '$lib/bindings/BoardItem';
import type { ClashRule } from '$lib/bindings/ClashRule';
import type { Department } from '$lib/bindings/Department';
import type { FieldError } from '$lib/bindings/FieldError';
import type { Finding } from '$lib/bindings/Finding';
import type { HalfDay } from '$lib/bindings/HalfDay';
import type { IpcError } from '$lib/bindings/IpcError';
import type { ParticipantInput } from '$lib/bindings/ParticipantInput';
import type { ParticipationStatus } from '$lib/bindings/ParticipationStatus';
import type { PlanningRules } from '$lib/bindings/PlanningRules';
import type { PlanReason } from '$lib/bindings/PlanReason';
import type { Role } from '$lib/bindings/Role';
import type { Rota } from '$lib/bindings/Rota';
import type { Series } from '$lib/bindings/Series';
import type { SeriesInput } from '$lib/bindings/SeriesInput';
import { parseRrule } from '$lib/series-form';
import { canMove, coming, direction, halfDayBounds, wholeDayBounds } from '$lib/activities';
import { CLASH_RULES } from '$lib/findings';
import { InvitesMock, type InviteView } from './invites';
import { addDays, dayRange, isWeekend, lastDayOf, localDay, today, zonedInstant, type Day } from '$lib/time';
import { isCorrection } from '$lib/privacy';
import { reasonText } from '$lib/plan';

/** What the mock needs from the people/sites mock (structural, so ipc.ts keeps its own types). */
export interface MockPerson {
	id: number;
	fullName: string;
	email: string;
	department: Department;
	team: string;
	siteId: number | null;
	managerId: number | null;
	active: boolean;
}
export interface MockSite {
	id: number;
	name: string;
	timezone: string;
	seats: number;
	isCrc: boolean;
}
export interface MockDirectory {
	people: MockPerson[];
	sites: MockSite[];
}

interface Stored {
	id: number;
	uid: string;
	sequence: number;
	input: ActivityInput;
	/** person id → the status last seen and when it changed (as `participations.changed_at`, to the second). */
	changed?: Map<number, { status: ParticipationStatus; at: string }>;
}

/** Now, to the second, as the store keeps it. */
function nowStamp(now = Date.now()): string {
	return new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

interface Trail {
	id: number;
	action: string;
	before: ActivityStatus;
}

const ZONE = 'Europe/Paris';
export const NOT_HANDLED = Symbol('not handled');

function ipcError(code: ErrorCode, message: string, fields: FieldError[] = [], findings: Finding[] = []): IpcError {
	return { code, message, fields, findings };
}

function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a |= 0;
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function easter(year: number): Day {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function frenchHolidays(year: number): [Day, string][] {
	const e = easter(year);
	return [
		[`${year}-01-01`, 'Jour de l’an'],
		[addDays(e, 1), 'Lundi de Pâques'],
		[`${year}-05-01`, 'Fête du travail'],
		[`${year}-05-08`, 'Victoire 1945'],
		[addDays(e, 39), 'Ascension'],
		[addDays(e, 50), 'Lundi de Pentecôte'],
		[`${year}-07-14`, 'Fête nationale'],
		[`${year}-08-15`, 'Assomption'],
		[`${year}-11-01`, 'Toussaint'],
		[`${year}-11-11`, 'Armistice'],
		[`${year}-12-25`, 'Noël']
	];
}

/** How far ahead a series' occurrences exist (ops::series::HORIZON_WEEKS). */
const SERIES_HORIZON_WEEKS = 26;

export class SchedulingMock {
	private activities: Stored[] = [];
	private absences: Absence[] = [];
	private trail: Trail[] = [];
	private series: Series[] = [];
	private rules: PlanningRules = { hostCapacityPerHalfDay: 1, maxHostDaysPerMonth: 2 };
	private nextId = 1;
	private nextAbsenceId = 1;
	private invites = new InvitesMock(() => this.inviteView());

	constructor(private dir: MockDirectory) {}

	private person(id: number): MockPerson | undefined {
		return this.dir.people.find((p) => p.id === id);
	}

	// ---------- seed ----------

	seed(now: Date = new Date()): void {
		const rand = mulberry32(4242);
		const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(rand() * items.length)];
		const todayDay = today(ZONE, now);
		const first = addDays(todayDay, -45);
		const last = addDays(todayDay, 45);
		const holidays = new Map<Day, string>();
		for (const y of new Set([first.slice(0, 4), last.slice(0, 4)])) {
			for (const [d, name] of frenchHolidays(Number(y))) if (d >= first && d <= last) holidays.set(d, name);
		}
		for (const [d, name] of holidays) this.absences.push({ id: this.nextAbsenceId++, personId: null, firstDay: d, lastDay: d, reason: name, source: 'manual' });
		const days = dayRange(first, 91).filter((d) => !isWeekend(d) && !holidays.has(d));
		const active = this.dir.people.filter((p) => p.active);
		const marketing = active.filter((p) => p.department === 'marketing');
		const sales = active.filter((p) => p.department === 'sales');
		const crc = active.filter((p) => p.department === 'crc');
		const paris = this.dir.sites.find((s) => !s.isCrc)?.id ?? null;
		const lyon = this.dir.sites.find((s) => s.isCrc) ?? null;

		const booked = new Set<string>();
		const halves = (h: HalfDay) => (h === 'full' ? ['am', 'pm'] : [h]);
		const free = (ids: number[], d: Day, h: HalfDay) => ids.every((id) => halves(h).every((x) => !booked.has(`${id}|${d}|${x}`)));
		const book = (ids: number[], d: Day, h: HalfDay) => ids.forEach((id) => halves(h).forEach((x) => booked.add(`${id}|${d}|${x}`)));
		const pickDay = (ids: number[], h: HalfDay): Day | undefined => {
			for (let i = 0; i < 12; i++) {
				const d = pick(days);
				if (d && free(ids, d, h)) return d;
			}
			return undefined;
		};

		// Leave: about one person in ten takes a week off.
		for (const p of active) {
			if (rand() > 0.1) continue;
			const start = pick(days);
			if (!start) continue;
			const end = addDays(start, 4);
			this.absences.push({ id: this.nextAbsenceId++, personId: p.id, firstDay: start, lastDay: end, reason: 'Congés', source: 'manual' });
			for (const d of dayRange(start, 5)) book([p.id], d, 'full');
		}

		const nowMs = now.getTime();
		const statusFor = (end: string): ActivityStatus => {
			const r = rand();
			if (Date.parse(end) <= nowMs) return r < 0.05 ? 'cancelled' : 'done';
			return r < 0.15 ? 'proposed' : r < 0.6 ? 'planned' : r < 0.96 ? 'confirmed' : 'cancelled';
		};
		const partStatus = (a: ActivityStatus): ParticipationStatus => {
			const r = rand();
			if (a === 'done') return r < 0.9 ? 'attended' : r < 0.95 ? 'excused' : 'no_show';
			return r < 0.6 ? 'accepted' : r < 0.85 ? 'invited' : r < 0.95 ? 'tentative' : 'declined';
		};
		const insert = (input: ActivityInput) => {
			this.activities.push({ id: this.nextId++, uid: `${this.nextId}-demo@unisson.app`, sequence: 0, input });
		};
		const base = (kind: ActivityKind, title: string, start: string, end: string): ActivityInput => ({
			kind,
			title,
			description: '',
			siteId: paris,
			location: '',
			start,
			end,
			timezone: ZONE,
			allDay: false,
			status: statusFor(end),
			organizerId: null,
			halfDay: null,
			capacity: null,
			mixMinMarketing: null,
			mixMinSales: null,
			seriesId: null,
			goals: '',
			participants: []
		});

		// Weekly briefs of each sales team, Monday/Tuesday/Thursday at 8:00.
		const teams = [...new Set(sales.map((p) => p.team))].sort();
		teams.forEach((team, i) => {
			const weekday = [0, 1, 3][i % 3] ?? 0;
			const members = sales.filter((p) => p.team === team);
			const stamp = now.toISOString();
			this.series.push({
				id: i + 1,
				title: `Brief hebdo – ${team}`,
				team,
				siteId: paris,
				location: 'Paris – Siège, salle Garonne',
				rrule: `FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][weekday]}`,
				firstDay: first,
				localStart: '08:00',
				durationMinutes: 45,
				timezone: ZONE,
				exdates: [...holidays.keys()],
				uid: `series-${i + 1}@unisson.app`,
				sequence: 0,
				createdAt: stamp,
				updatedAt: stamp
			});
			for (const d of days.filter((x) => (new Date(`${x}T00:00:00Z`).getUTCDay() + 6) % 7 === weekday)) {
				const a = base('brief', `Brief hebdo – ${team}`, zonedInstant(d, 8, 0, ZONE), zonedInstant(d, 8, 45, ZONE));
				a.location = 'Paris – Siège, salle Garonne';
				a.seriesId = i + 1;
				a.organizerId = members[0]?.managerId ?? null;
				a.description = 'Point hebdomadaire de l’équipe : résultats, offres du moment, retours terrain.';
				const parts: ParticipantInput[] = members.map((p) => ({ personId: p.id, role: 'attendee', status: a.status === 'done' ? 'attended' : 'accepted' }));
				const wanted = rand() < 0.82 ? (rand() < 0.3 ? 2 : 1) : 0;
				const availableMarketers = marketing.filter((m) => free([m.id], d, 'am'));
				for (let k = 0; k < wanted && availableMarketers.length; k++) {
					const m = availableMarketers.splice(Math.floor(rand() * availableMarketers.length), 1)[0];
					if (m) parts.push({ personId: m.id, role: 'attendee', status: a.status === 'done' ? 'attended' : 'accepted' });
				}
				a.participants = parts;
				book(parts.map((p) => p.personId), d, 'am');
				insert(a);
			}
		});

		// Shadowing: each marketer about twice in the quarter; one in five the other way round.
		const GOALS = [
			'Comprendre les objections clients sur l’offre éco-énergie',
			'Voir comment l’offre Pro est présentée en rendez-vous',
			'Écouter les appels entrants sur la facturation',
			'Identifier les questions récurrentes des clients particuliers'
		];
		for (let round = 0; round < 2; round++) {
			for (const m of marketing) {
				const toCrc = rand() < 0.3 && crc.length > 0;
				const other = pick(toCrc ? crc : sales);
				if (!other) continue;
				const reverse = rand() < 0.2;
				const [visitor, host] = reverse ? [other, m] : [m, other];
				const half = pick<HalfDay>(['am', 'pm', 'full']) ?? 'full';
				const d = pickDay([visitor.id, host.id], half);
				if (!d) continue;
				const { start, end } = halfDayBounds(d, half, ZONE);
				const a = base('shadowing', `Vis ma vie : ${visitor.fullName} chez ${host.fullName}`, start, end);
				a.halfDay = half;
				a.siteId = toCrc && !reverse ? (lyon?.id ?? paris) : paris;
				a.location = toCrc && !reverse ? 'Lyon – Plateau CRC' : 'Paris – Siège';
				a.goals = pick(GOALS) ?? '';
				a.organizerId = visitor.managerId;
				const st: ParticipationStatus = a.status === 'done' ? 'attended' : rand() < 0.7 ? 'accepted' : 'invited';
				a.participants = [
					{ personId: visitor.id, role: 'visitor', status: st },
					{ personId: host.id, role: 'host', status: st }
				];
				book([visitor.id, host.id], d, half);
				insert(a);
			}
		}

		// Trainings: mixed, 16 seats; the third one is over-subscribed so its waitlist shows.
		const TITLES = [
			'Connaître nos offres éco-énergie',
			'Négocier avec les grands comptes',
			'Parcours client : du lead à la signature',
			'Atelier persona et segmentation',
			'Traiter les objections, ensemble',
			'Lancer une campagne locale avec les ventes'
		];
		const trainingCount = Math.max(6, Math.round(active.length / 20));
		for (let i = 0; i < trainingCount; i++) {
			const half: HalfDay = rand() < 0.5 ? 'am' : 'pm';
			const take = <T>(list: T[], n: number) => [...list].sort(() => rand() - 0.5).slice(0, n);
			const extra = i % 6 === 2 ? 3 : 0;
			const invitees = [...take(marketing, 6 + extra), ...take(sales, 6 + Math.ceil(extra / 2)), ...take(crc, 2)];
			const d = pickDay(invitees.map((p) => p.id), half);
			if (!d || invitees.length < 2) continue;
			const start = zonedInstant(d, half === 'am' ? 9 : 14, half === 'am' ? 30 : 0, ZONE);
			const end = zonedInstant(d, half === 'am' ? 12 : 17, half === 'am' ? 30 : 0, ZONE);
			const a = base('training', `Formation : ${TITLES[i % TITLES.length]}`, start, end);
			a.capacity = 16;
			a.mixMinMarketing = 30;
			a.mixMinSales = 30;
			a.location = 'Paris – Siège, salle Loire';
			a.description = 'Formation commune marketing et ventes. Ordre du jour envoyé la veille.';
			a.goals = `Repartir avec trois actions concrètes sur « ${TITLES[i % TITLES.length]} ».`;
			const [trainer, ...rest] = invitees;
			if (!trainer) continue;
			a.organizerId = trainer.managerId;
			let seated = 0;
			a.participants = [
				{ personId: trainer.id, role: 'trainer', status: a.status === 'done' ? 'attended' : 'accepted' },
				...rest.map((p): ParticipantInput => {
					let status = partStatus(a.status);
					if (coming(status)) {
						if (seated >= 16) status = 'waitlisted';
						else seated++;
					}
					return { personId: p.id, role: 'attendee', status };
				})
			];
			// Trainings just past keep their attendance to sign off.
			if (Date.parse(end) <= nowMs && Date.parse(end) > nowMs - 7 * 86_400_000 && a.status === 'done') {
				a.status = 'confirmed';
				a.participants = a.participants.map((p) => (p.status === 'attended' || p.status === 'excused' || p.status === 'no_show' ? { ...p, status: 'accepted' } : p));
			}
			book(invitees.map((p) => p.id), d, half);
			insert(a);
		}

		// Co-location at the CRC: half the marketers, once, within the desks.
		if (lyon) {
			const used = new Map<Day, number>();
			for (const m of marketing) {
				if (rand() < 0.5) continue;
				const d = pickDay([m.id], 'full');
				if (!d || (used.get(d) ?? 0) >= lyon.seats) continue;
				used.set(d, (used.get(d) ?? 0) + 1);
				const { start, end } = wholeDayBounds(d, d, ZONE);
				const a = base('colocation', `Co-présence au CRC : ${m.fullName}`, start, end);
				a.allDay = true;
				a.halfDay = 'full';
				a.siteId = lyon.id;
				a.location = 'Lyon – Plateau CRC';
				a.organizerId = m.managerId;
				a.participants = [{ personId: m.id, role: 'attendee', status: a.status === 'done' ? 'attended' : 'accepted' }];
				book([m.id], d, 'full');
				insert(a);
			}
		}
	}

	// ---------- records ----------

	/** Records when each participant's status changed (called whenever a record is read, so every write is seen). */
	private stamp(s: Stored, now = Date.now()): Map<number, { status: ParticipationStatus; at: string }> {
		const changed = (s.changed ??= new Map());
		for (const p of s.input.participants) {
			const seen = changed.get(p.personId);
			if (!seen || seen.status !== p.status) changed.set(p.personId, { status: p.status, at: nowStamp(now) });
		}
		return changed;
	}

	private record(s: Stored): ActivityRecord {
		const a = s.input;
		const changed = this.stamp(s);
		return {
			id: s.id,
			kind: a.kind,
			title: a.title,
			start: a.start,
			end: a.end,
			zone: a.timezone,
			allDay: a.allDay,
			siteId: a.siteId,
			site: this.dir.sites.find((x) => x.id === a.siteId)?.name ?? null,
			location: a.location,
			status: a.status,
			uid: s.uid,
			sequence: s.sequence,
			halfDay: a.halfDay,
			capacity: a.capacity,
			seriesId: a.seriesId,
			description: a.description,
			goals: a.goals,
			organizerId: a.organizerId,
			mixMinMarketing: a.mixMinMarketing,
			mixMinSales: a.mixMinSales,
			participants: a.participants.map((p) => {
				const person = this.person(p.personId);
				return {
					personId: p.personId,
					email: person?.email ?? '',
					name: person?.fullName ?? `#${p.personId}`,
					department: person?.department ?? 'other',
					team: person?.team ?? '',
					role: p.role,
					status: p.status,
					changedAt: changed.get(p.personId)?.at ?? nowStamp()
				};
			})
		};
	}

	private find(id: number): Stored {
		const s = this.activities.find((x) => x.id === id);
		if (!s) throw ipcError('not_found', `activity ${id} not found`);
		return s;
	}

	// ---------- normalize (schedule::normalize) ----------

	private normalize(input: ActivityInput): ActivityInput {
		const a: ActivityInput = JSON.parse(JSON.stringify(input)) as ActivityInput;
		const errors: FieldError[] = [];
		a.title = a.title.trim();
		if (a.title.length > 300) errors.push({ field: 'title', code: 'too_long', message: 'title is too long' });
		const seen = new Set<number>();
		for (const p of a.participants) {
			if (seen.has(p.personId)) errors.push({ field: 'participants', code: 'duplicate_participant', message: 'a person is listed twice' });
			seen.add(p.personId);
			if (!this.person(p.personId)) errors.push({ field: 'participants', code: 'unknown_person', message: `no person ${p.personId}` });
		}
		const of = (role: Role) => a.participants.filter((p) => p.role === role);
		const tz = a.timezone || ZONE;
		switch (a.kind) {
			case 'shadowing': {
				const visitors = of('visitor');
				const hosts = of('host');
				if (visitors.length !== 1) errors.push({ field: 'visitor', code: 'required', message: 'a shadowing day has exactly one visitor' });
				if (hosts.length !== 1) errors.push({ field: 'host', code: 'required', message: 'a shadowing day has exactly one host' });
				const v = visitors[0] && this.person(visitors[0].personId);
				const h = hosts[0] && this.person(hosts[0].personId);
				if (v && h) {
					if (!direction(v.department, h.department)) errors.push({ field: 'host', code: 'invalid_direction', message: 'not a marketing–field exchange' });
					if (!a.title) a.title = `Vis ma vie : ${v.fullName} chez ${h.fullName}`;
				}
				const half = a.halfDay ?? 'full';
				a.halfDay = half;
				a.allDay = false;
				const bounds = halfDayBounds(localDay(a.start, tz), half, tz);
				a.start = bounds.start;
				a.end = bounds.end;
				break;
			}
			case 'colocation': {
				if (a.siteId === null) errors.push({ field: 'siteId', code: 'required', message: 'a co-location day happens at a site' });
				const d = localDay(a.start, tz);
				const bounds = wholeDayBounds(d, d, tz);
				a.start = bounds.start;
				a.end = bounds.end;
				a.allDay = true;
				a.halfDay = 'full';
				const who = a.participants[0] && this.person(a.participants[0].personId);
				if (!a.title && who) a.title = `Co-présence : ${who.fullName}`;
				break;
			}
			case 'training': {
				if (!a.capacity || a.capacity <= 0) errors.push({ field: 'capacity', code: 'required', message: 'a training needs seats' });
				else {
					let seated = 0;
					for (const p of a.participants) {
						if (p.role !== 'attendee' || !coming(p.status)) continue;
						if (seated < a.capacity) seated++;
						else p.status = 'waitlisted';
					}
				}
				for (const [field, v] of [['mixMinMarketing', a.mixMinMarketing], ['mixMinSales', a.mixMinSales]] as const) {
					if (v !== null && (v < 0 || v > 100)) errors.push({ field, code: 'out_of_range', message: 'a share between 0 and 100%' });
				}
				break;
			}
			case 'brief':
				break;
		}
		// As in core: shadowing and co-location titles are optional (made from the people); only other kinds need one.
		if (!a.title && a.kind !== 'shadowing' && a.kind !== 'colocation')
			errors.push({ field: 'title', code: 'required', message: 'this field is required' });
		else if (!a.title && errors.length === 0)
			errors.push({ field: 'participants', code: 'required', message: 'name the person this day is for' });
		if (Date.parse(a.end) <= Date.parse(a.start)) errors.push({ field: 'end', code: 'end_before_start', message: 'the end must come after the start' });
		if (errors.length) throw ipcError('validation', 'invalid input', errors);
		return a;
	}

	// ---------- check (schedule::check) ----------

	private bookings(personId: number, start: string, end: string, exclude: number | null) {
		const s = Date.parse(start);
		const e = Date.parse(end);
		const out: { activity: Stored; role: Role }[] = [];
		for (const other of this.activities) {
			if (other.id === exclude || other.input.status === 'cancelled') continue;
			if (!(Date.parse(other.input.start) < e && Date.parse(other.input.end) > s)) continue;
			const part = other.input.participants.find((p) => p.personId === personId && coming(p.status));
			if (part) out.push({ activity: other, role: part.role });
		}
		return out;
	}

	check(a: ActivityInput, exclude: number | null): Finding[] {
		const out: Finding[] = [];
		const f = (rule: ClashRule, severity: 'error' | 'warning', message: string, extra: Partial<Finding> = {}): Finding => ({
			rule,
			severity,
			message,
			people: [],
			personNames: [],
			dates: [],
			activities: [],
			activityTitles: [],
			limit: null,
			department: null,
			reason: null,
			...extra
		});
		const tz = a.timezone || ZONE;
		const first = localDay(a.start, tz);
		const last = lastDayOf(a.start, a.end, tz);
		const days = dayRange(first, Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1);
		const people = a.participants
			.filter((p) => coming(p.status))
			.map((p) => ({ p, person: this.person(p.personId) }))
			.filter((x): x is { p: ParticipantInput; person: MockPerson } => !!x.person);

		for (const { p, person } of people) {
			if (!person.active) out.push(f('inactive_person', 'error', `${person.fullName} is no longer active`, { people: [p.personId], personNames: [person.fullName] }));
		}
		for (const { p, person } of people) {
			for (const b of this.bookings(p.personId, a.start, a.end, exclude)) {
				if (a.kind === 'shadowing' && p.role === 'host' && b.activity.input.kind === 'shadowing' && b.role === 'host') continue;
				out.push(
					f('double_booking', 'error', `${person.fullName} is already booked on “${b.activity.input.title}”`, {
						people: [p.personId],
						personNames: [person.fullName],
						dates: [localDay(b.activity.input.start, b.activity.input.timezone)],
						activities: [b.activity.id],
						activityTitles: [b.activity.input.title]
					})
				);
			}
		}
		const holidayDays = days.filter((d) => this.absences.some((x) => x.personId === null && d >= x.firstDay && d <= x.lastDay));
		if (holidayDays.length) {
			const names = [...new Set(this.absences.filter((x) => x.personId === null && holidayDays.some((d) => d >= x.firstDay && d <= x.lastDay)).map((x) => x.reason).filter(Boolean))];
			out.push(f('holiday', 'warning', `${holidayDays.join(', ')} is a company holiday`, { dates: holidayDays, reason: names.length ? names.join(', ') : null }));
		}
		for (const { p, person } of people) {
			for (const abs of this.absences.filter((x) => x.personId === p.personId && x.lastDay >= first && x.firstDay <= last)) {
				const away = days.filter((d) => d >= abs.firstDay && d <= abs.lastDay);
				out.push(f('absence', 'error', `${person.fullName} is away (${abs.reason})`, { people: [p.personId], personNames: [person.fullName], dates: away, reason: abs.reason }));
			}
		}
		if (a.kind === 'shadowing') {
			for (const { p, person } of people.filter((x) => x.p.role === 'host')) {
				const hosting = this.bookings(p.personId, a.start, a.end, exclude).filter((b) => b.activity.input.kind === 'shadowing' && b.role === 'host');
				const limit = this.rules.hostCapacityPerHalfDay;
				if (hosting.length + 1 > limit) {
					out.push(
						f('host_capacity', 'warning', `${person.fullName} would receive more than ${limit} visitor(s) in the same half-day`, {
							people: [p.personId],
							personNames: [person.fullName],
							dates: days,
							limit,
							activities: hosting.map((b) => b.activity.id),
							activityTitles: hosting.map((b) => b.activity.input.title)
						})
					);
				}
			}
		}
		const attendees = people.filter(({ p }) => p.role !== 'trainer' && p.role !== 'organizer');
		if (a.kind === 'training' && a.capacity !== null && attendees.length > a.capacity) {
			out.push(f('training_capacity', 'error', `${attendees.length} participants for ${a.capacity} seats`, { limit: a.capacity, dates: days }));
		}
		const site = this.dir.sites.find((s) => s.id === a.siteId);
		if (site) {
			const needed = a.kind === 'colocation' ? people.length : a.kind === 'shadowing' && site.isCrc ? people.filter(({ p }) => p.role === 'visitor').length : 0;
			if (needed > 0) {
				for (const d of days) {
					const used = this.activities
						.filter((o) => o.id !== exclude && o.input.status !== 'cancelled' && o.input.siteId === site.id && localDay(o.input.start, o.input.timezone) === d)
						.reduce((n, o) => n + (o.input.kind === 'colocation' ? o.input.participants.filter((x) => coming(x.status)).length : o.input.kind === 'shadowing' && site.isCrc ? o.input.participants.filter((x) => x.role === 'visitor' && coming(x.status)).length : 0), 0);
					if (used + needed > site.seats) out.push(f('seats', 'error', `${site.name} has ${site.seats} seats and ${used} are already taken on ${d}`, { dates: [d], limit: site.seats }));
				}
			}
		}
		const weekend = days.filter(isWeekend);
		if (weekend.length) out.push(f('weekend', 'warning', `${weekend.join(', ')} is a weekend`, { dates: weekend }));
		if (a.kind === 'brief' && !people.some(({ person }) => person.department === 'marketing')) {
			out.push(f('brief_without_marketer', 'warning', 'no marketer attends this brief', { dates: days }));
		}
		if (a.kind === 'training') {
			const total = attendees.length;
			for (const [dept, min] of [['marketing', a.mixMinMarketing], ['sales', a.mixMinSales]] as const) {
				if (min === null) continue;
				const n = attendees.filter(({ person }) => person.department === dept).length;
				const got = total === 0 ? 0 : Math.floor((n * 100) / total);
				if (got < min) out.push(f('mix_rule', 'warning', `${got}% ${dept} participants, below the ${min}% this training asks for`, { limit: min, dates: days, department: dept }));
			}
		}
		const order = (r: ClashRule) => CLASH_RULES.indexOf(r);
		return out.sort((x, y) => (x.severity === y.severity ? 0 : x.severity === 'error' ? -1 : 1) || order(x.rule) - order(y.rule));
	}

	private gate(a: ActivityInput, exclude: number | null, confirm: boolean): void {
		const findings = this.check(a, exclude);
		if (findings.some((x) => x.severity === 'error')) throw ipcError('clash', 'the change is blocked', [], findings);
		if (findings.length && !confirm) throw ipcError('needs_confirmation', 'the change needs confirmation', [], findings);
	}

	private apply(id: number, a: ActivityInput, confirm: boolean): ActivityRecord {
		const s = this.find(id);
		if (s.input.kind !== a.kind) throw ipcError('validation', 'invalid input', [{ field: 'kind', code: 'immutable', message: 'the kind cannot change' }]);
		if (!canMove(s.input.status, a.status)) throw ipcError('validation', 'invalid input', [{ field: 'status', code: 'invalid_transition', message: 'invalid transition' }]);
		this.gate(a, id, confirm);
		const removed = s.input.participants
			.filter((o) => !a.participants.some((p) => p.personId === o.personId))
			.map((o) => ({ ...o, status: 'cancelled' as ParticipationStatus }));
		s.input = { ...a, participants: [...a.participants, ...removed] };
		s.sequence++;
		this.trail.push({ id, action: 'update', before: s.input.status });
		this.promote(s);
		return this.record(s);
	}

	private promote(s: Stored): void {
		const a = s.input;
		if (a.kind !== 'training' || a.capacity === null || a.status === 'cancelled') return;
		let free = a.capacity - a.participants.filter((p) => p.role === 'attendee' && coming(p.status)).length;
		// First come first served: by the time they were waitlisted, then in the order they were added.
		const changed = this.stamp(s);
		const at = (id: number) => changed.get(id)?.at ?? '';
		const queue = a.participants
			.map((p, i) => ({ p, i }))
			.filter(({ p }) => p.status === 'waitlisted')
			.sort((x, y) => (at(x.p.personId) < at(y.p.personId) ? -1 : at(x.p.personId) > at(y.p.personId) ? 1 : x.i - y.i))
			.map(({ p }) => p);
		for (const p of queue) {
			if (free <= 0) break;
			if (p.status === 'waitlisted') {
				p.status = 'invited';
				free--;
			}
		}
	}

	// ---------- rota (plan::rota) ----------

	// ---------- series (ops::series) ----------

	private seriesValidated(input: SeriesInput): SeriesInput {
		const fields: FieldError[] = [];
		const team = input.team.trim();
		if (!team) fields.push({ field: 'team', code: 'required', message: 'required' });
		if (!/^FREQ=WEEKLY(;INTERVAL=[1-9]\d?)?;BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/.test(input.rrule)) fields.push({ field: 'rrule', code: 'invalid_rrule', message: 'a weekly rule with BYDAY' });
		if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.localStart)) fields.push({ field: 'localStart', code: 'invalid_time', message: 'a time such as 08:30' });
		if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 5 || input.durationMinutes > 480) fields.push({ field: 'durationMinutes', code: 'out_of_range', message: 'between 5 minutes and 8 hours' });
		if (!input.timezone.includes('/')) fields.push({ field: 'timezone', code: 'unknown_timezone', message: 'not an IANA zone' });
		if (input.siteId !== null && !this.dir.sites.some((x) => x.id === input.siteId)) fields.push({ field: 'siteId', code: 'unknown_site', message: 'unknown site' });
		if (fields.length) throw ipcError('validation', 'invalid input', fields);
		return { ...input, team, title: input.title.trim() || `Brief – ${team}`, location: input.location.trim(), exdates: [...new Set(input.exdates)].sort() };
	}

	/** The days of a weekly series in [from, to), exception days left out. */
	private seriesDays(s: SeriesInput, from: Day, to: Day): Day[] {
		const { weekdays, interval } = parseRrule(s.rrule);
		const weekOf = (d: Day) => Math.floor((Date.parse(`${d}T00:00:00Z`) / 86_400_000 + 3) / 7);
		const out: Day[] = [];
		for (let d = from < s.firstDay ? s.firstDay : from; d < to; d = addDays(d, 1)) {
			const wd = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
			if (weekdays.includes(wd) && (weekOf(d) - weekOf(s.firstDay)) % interval === 0 && !s.exdates.includes(d)) out.push(d);
		}
		return out;
	}

	private materialise(s: Series, from: Day): void {
		const tz = s.timezone;
		const existing = new Set(this.activities.filter((a) => a.input.seriesId === s.id && a.input.status !== 'cancelled').map((a) => localDay(a.input.start, tz)));
		const members = this.dir.people.filter((p) => p.active && p.department === 'sales' && p.team === s.team);
		const [hh, mm] = s.localStart.split(':').map(Number);
		for (const day of this.seriesDays(s, from, addDays(from, SERIES_HORIZON_WEEKS * 7))) {
			if (existing.has(day)) continue;
			const start = zonedInstant(day, hh ?? 0, mm ?? 0, tz);
			this.activities.push({
				id: this.nextId++,
				uid: `${this.nextId}-series@unisson.app`,
				sequence: 0,
				input: {
					kind: 'brief',
					title: s.title,
					description: '',
					siteId: s.siteId,
					location: s.location,
					start,
					end: new Date(Date.parse(start) + s.durationMinutes * 60_000).toISOString(),
					timezone: tz,
					allDay: false,
					status: 'planned',
					organizerId: null,
					halfDay: null,
					capacity: null,
					mixMinMarketing: null,
					mixMinSales: null,
					seriesId: s.id,
					goals: '',
					participants: members.map((p) => ({ personId: p.id, role: 'attendee', status: 'invited' }))
				}
			});
		}
	}

	private rota(seriesId: number, next: number, now = Date.now()): Rota {
		if (!this.series.some((x) => x.id === seriesId)) throw ipcError('not_found', `series ${seriesId} not found`);
		const all = this.activities
			.filter((a) => a.input.seriesId === seriesId && a.input.status !== 'cancelled')
			.sort((a, b) => Date.parse(a.input.start) - Date.parse(b.input.start));
		const upcoming = all.filter((a) => Date.parse(a.input.start) > now).slice(0, next);
		const marketers = this.dir.people
			.filter((p) => p.active && p.department === 'marketing')
			.sort((a, b) => a.fullName.localeCompare(b.fullName, 'fr') || a.id - b.id);
		const isMarketer = (id: number) => marketers.some((m) => m.id === id);
		const load = new Map<number, number>();
		const since = now - 90 * 86_400_000;
		for (const a of this.activities) {
			if (a.input.kind !== 'brief' || a.input.status === 'cancelled' || Date.parse(a.input.start) < since) continue;
			for (const p of a.input.participants) if (coming(p.status) && isMarketer(p.personId)) load.set(p.personId, (load.get(p.personId) ?? 0) + 1);
		}
		const rota: Rota = { seriesId, assignments: [], gaps: [], kept: [] };
		const team = this.series.find((x) => x.id === seriesId)?.team ?? '';
		const marketersAt = (a: (typeof all)[number]) => a.input.participants.filter((p) => coming(p.status) && isMarketer(p.personId)).map((p) => p.personId);
		const yearAgo = now - 365 * 86_400_000;
		const met = new Set(all.filter((a) => Date.parse(a.input.start) > yearAgo && Date.parse(a.input.start) <= now).flatMap(marketersAt));
		let previous = new Set<number>();
		for (const occ of all) {
			if (Date.parse(occ.input.start) > now) break;
			previous = new Set(marketersAt(occ));
		}
		// As plan::rota: free = not away and not booked; last time's marketer only when nobody else is free.
		for (const occ of upcoming) {
			const present = marketersAt(occ);
			if (present.length) {
				rota.kept.push(occ.id);
				previous = new Set(present);
				continue;
			}
			const day = localDay(occ.input.start, occ.input.timezone);
			const holiday = this.absences.find((x) => x.personId === null && day >= x.firstDay && day <= x.lastDay);
			const away = marketers.filter((m) => this.absences.some((x) => x.personId === m.id && day >= x.firstDay && day <= x.lastDay));
			const free = holiday ? [] : marketers.filter((m) => !away.includes(m) && this.bookings(m.id, occ.input.start, occ.input.end, occ.id).length === 0);
			const loadOf = (m: { id: number }) => load.get(m.id) ?? 0;
			const fresh = free.filter((m) => !previous.has(m.id)).sort((a, b) => loadOf(a) - loadOf(b));
			const chosen = fresh[0] ?? [...free].sort((a, b) => loadOf(a) - loadOf(b))[0];
			if (!chosen) {
				const reasons: PlanReason[] = [
					marketers.length === 0
						? { code: 'no_marketers' }
						: holiday
							? { code: 'holiday', name: holiday.reason }
							: { code: 'no_marketer_free', away: away.length, busy: marketers.length - away.length }
				];
				rota.gaps.push({ activityId: occ.id, start: occ.input.start, reason: reasonText('en', reasons, ''), reasons });
				previous = new Set();
				continue;
			}
			const before = loadOf(chosen);
			const fewest = Math.min(...free.map(loadOf));
			const reasons: PlanReason[] = [{ code: before <= fewest ? 'fewest_briefs' : 'brief_load', marketer: chosen.fullName, briefs: before }];
			if (!met.has(chosen.id)) reasons.push({ code: 'novel_brief', marketer: chosen.fullName, team });
			met.add(chosen.id);
			const skipped = free.find((m) => previous.has(m.id) && loadOf(m) <= before);
			if (previous.has(chosen.id)) reasons.push({ code: 'repeat_brief', marketer: chosen.fullName });
			else if (skipped) reasons.push({ code: 'not_previous', marketer: skipped.fullName });
			rota.assignments.push({ activityId: occ.id, start: occ.input.start, personId: chosen.id, email: chosen.email, name: chosen.fullName, reason: reasonText('en', reasons, ''), reasons, load: before });
			load.set(chosen.id, before + 1);
			previous = new Set([chosen.id]);
		}
		return rota;
	}

	// ---------- commands ----------

	handle(cmd: string, args: Record<string, unknown>): unknown {
		switch (cmd) {
			case 'site_occupancy': {
				const site = this.dir.sites.find((x) => x.id === args.siteId);
				if (!site) throw ipcError('not_found', `site ${String(args.siteId)} not found`);
				const first = args.first as Day;
				const last = args.last as Day;
				const out: { day: Day; used: number; seats: number }[] = [];
				for (let d = first; d <= last; d = addDays(d, 1)) {
					const from = Date.parse(zonedInstant(d, 0, 0, site.timezone));
					const to = Date.parse(zonedInstant(addDays(d, 1), 0, 0, site.timezone));
					const used = this.activities
						.filter((o) => o.input.status !== 'cancelled' && o.input.siteId === site.id && Date.parse(o.input.start) < to && Date.parse(o.input.end) > from)
						.reduce((n, o) => n + (o.input.kind === 'colocation' ? o.input.participants.filter((x) => coming(x.status)).length : o.input.kind === 'shadowing' ? o.input.participants.filter((x) => x.role === 'visitor' && coming(x.status)).length : 0), 0);
					out.push({ day: d, used, seats: site.seats });
				}
				return out;
			}
			case 'activities_list': {
				const q = args.query as ActivityQuery;
				const from = Date.parse(q.from);
				const to = Date.parse(q.to);
				return this.activities
					.filter((s) => Date.parse(s.input.start) < to && Date.parse(s.input.end) > from)
					.filter((s) => q.kind === null || s.input.kind === q.kind)
					.filter((s) => q.personId === null || s.input.participants.some((p) => p.personId === q.personId))
					.sort((x, y) => Date.parse(x.input.start) - Date.parse(y.input.start) || x.id - y.id)
					.map((s) => this.record(s));
			}
			case 'board_list': {
				const from = Date.parse(args.from as string);
				const to = Date.parse(args.to as string);
				return this.activities
					.filter((s) => Date.parse(s.input.start) < to && Date.parse(s.input.end) > from)
					.sort((x, y) => Date.parse(x.input.start) - Date.parse(y.input.start) || x.id - y.id)
					.map((s): BoardItem => {
						const r = this.record(s);
						return {
							id: r.id,
							kind: r.kind,
							title: r.title,
							start: r.start,
							end: r.end,
							status: r.status,
							allDay: r.allDay,
							halfDay: r.halfDay,
							siteId: r.siteId,
							zone: r.zone,
							seats: r.participants.map((p) => ({ personId: p.personId, role: p.role, status: p.status }))
						};
					});
			}
			case 'activity_get':
				return this.record(this.find(args.id as number));
			case 'activity_check': {
				const a = this.normalize(args.input as ActivityInput);
				return this.check(a, (args.id as number | null) ?? null);
			}
			case 'activity_create': {
				const a = this.normalize(args.input as ActivityInput);
				this.gate(a, null, args.confirm as boolean);
				const s: Stored = { id: this.nextId++, uid: `${Date.now()}-${this.nextId}@unisson.app`, sequence: 0, input: a };
				this.activities.push(s);
				return this.record(s);
			}
			case 'activity_update':
				return this.apply(args.id as number, this.normalize(args.input as ActivityInput), args.confirm as boolean);
			case 'activity_reschedule': {
				const s = this.find(args.id as number);
				const a = this.normalize({ ...s.input, start: args.start as string, end: args.end as string });
				return this.apply(s.id, a, args.confirm as boolean);
			}
			case 'activity_set_status': {
				const s = this.find(args.id as number);
				const status = args.status as ActivityStatus;
				if (!canMove(s.input.status, status)) throw ipcError('validation', 'invalid input', [{ field: 'status', code: 'invalid_transition', message: 'invalid transition' }]);
				if (status !== s.input.status) {
					this.trail.push({ id: s.id, action: status, before: s.input.status });
					s.input.status = status;
					if (status === 'cancelled') s.sequence++;
				}
				return this.record(s);
			}
			case 'activity_undo_cancel': {
				const s = this.find(args.id as number);
				const last = [...this.trail].reverse().find((x) => x.id === s.id);
				if (s.input.status !== 'cancelled' || !last || last.action !== 'cancelled') {
					throw ipcError('validation', 'invalid input', [{ field: 'status', code: 'nothing_to_undo', message: 'the last change was not a cancellation' }]);
				}
				s.input.status = last.before;
				s.sequence++;
				this.trail.push({ id: s.id, action: 'undo_cancel', before: 'cancelled' });
				return this.record(s);
			}
			case 'participation_respond': {
				const s = this.find(args.id as number);
				const p = s.input.participants.find((x) => x.personId === (args.personId as number));
				if (!p) throw ipcError('not_found', 'participation not found');
				p.status = args.status as ParticipationStatus;
				this.promote(s);
				return this.record(s);
			}
			case 'attendance_sign_off': {
				const s = this.find(args.id as number);
				if (Date.parse(s.input.start) > Date.now()) throw ipcError('validation', 'invalid input', [{ field: 'status', code: 'not_yet', message: 'not started yet' }]);
				if (s.input.status === 'cancelled') throw ipcError('validation', 'invalid input', [{ field: 'status', code: 'invalid_transition', message: 'cancelled' }]);
				const marks = args.marks as AttendanceMark[];
				for (const m of marks) {
					if (!['attended', 'no_show', 'excused'].includes(m.status)) throw ipcError('validation', 'invalid input', [{ field: 'status', code: 'invalid_mark', message: 'invalid mark' }]);
					const p = s.input.participants.find((x) => x.personId === m.personId);
					if (!p) throw ipcError('not_found', 'participation not found');
					const reason = typeof args.reason === 'string' ? args.reason.trim() : '';
					if (isCorrection(s.input.status, p.status, m.status) && reason === '') {
						throw ipcError('validation', 'invalid input', [{ field: 'reason', code: 'reason_required', message: 'a reason is required' }]);
					}
				}
				for (const m of marks) {
					const p = s.input.participants.find((x) => x.personId === m.personId);
					if (p) p.status = m.status;
				}
				s.input.status = 'done';
				return this.record(s);
			}
			case 'absences_list': {
				const first = args.first as string;
				const last = args.last as string;
				return this.absences.filter((a) => a.lastDay >= first && a.firstDay <= last);
			}
			case 'absence_add': {
				const input = args.input as AbsenceInput;
				const fields: FieldError[] = [];
				if (input.lastDay < input.firstDay) fields.push({ field: 'lastDay', code: 'end_before_start', message: 'the last day comes before the first' });
				if (input.personId !== null && !this.person(input.personId)) fields.push({ field: 'personId', code: 'unknown_person', message: 'unknown person' });
				if (fields.length) throw ipcError('validation', 'invalid input', fields);
				const absence: Absence = { id: this.nextAbsenceId++, ...input, reason: input.reason.trim(), source: 'manual' };
				this.absences.push(absence);
				return absence;
			}
			case 'absence_delete':
				this.absences = this.absences.filter((a) => a.id !== (args.id as number));
				return null;
			case 'series_list':
				return this.series.map((x) => ({ ...x }));
			case 'series_create': {
				const input = this.seriesValidated(args.input as SeriesInput);
				const stamp = new Date().toISOString();
				const created: Series = { ...input, id: this.series.reduce((m, x) => Math.max(m, x.id), 0) + 1, uid: `series-${Date.now()}@unisson.app`, sequence: 0, createdAt: stamp, updatedAt: stamp };
				this.series.push(created);
				this.materialise(created, today(created.timezone));
				return { ...created };
			}
			case 'series_update_from': {
				const id = args.id as number;
				const from = args.from as string;
				const old = this.series.find((x) => x.id === id);
				if (!old) throw ipcError('not_found', `series ${id} not found`);
				const input = this.seriesValidated(args.input as SeriesInput);
				if (input.team !== old.team) throw ipcError('validation', 'invalid input', [{ field: 'team', code: 'immutable', message: 'a series belongs to one team; create a new series' }]);
				const next: Series = { ...old, ...input, sequence: old.sequence + 1, updatedAt: new Date().toISOString() };
				this.series = this.series.map((x) => (x.id === id ? next : x));
				const wanted = new Set(this.seriesDays(next, from, addDays(from, SERIES_HORIZON_WEEKS * 7)));
				for (const a of this.activities) {
					if (a.input.seriesId !== id || a.input.status === 'cancelled') continue;
					const day = localDay(a.input.start, a.input.timezone);
					if (day < from) continue;
					if (wanted.has(day)) {
						const [hh, mm] = next.localStart.split(':').map(Number);
						const start = zonedInstant(day, hh ?? 0, mm ?? 0, next.timezone);
						a.input = { ...a.input, title: next.title, siteId: next.siteId, location: next.location, timezone: next.timezone, start, end: new Date(Date.parse(start) + next.durationMinutes * 60_000).toISOString() };
					} else {
						a.input = { ...a.input, status: 'cancelled' };
					}
					a.sequence++;
				}
				this.materialise(next, from);
				return { ...next };
			}
			case 'brief_rota_preview':
				return this.rota(args.seriesId as number, args.next as number);
			case 'brief_rota_apply': {
				const rota = this.rota(args.seriesId as number, args.next as number);
				for (const a of rota.assignments) {
					const occ = this.find(a.activityId);
					occ.input.participants.push({ personId: a.personId, role: 'attendee', status: 'invited' });
					occ.sequence++;
				}
				return rota;
			}
			case 'rules_get':
				return { ...this.rules };
			case 'rules_update': {
				const rules = args.rules as PlanningRules;
				const fields: FieldError[] = [];
				if (rules.hostCapacityPerHalfDay < 1) fields.push({ field: 'hostCapacityPerHalfDay', code: 'too_small', message: 'at least 1' });
				if (rules.maxHostDaysPerMonth < 1) fields.push({ field: 'maxHostDaysPerMonth', code: 'too_small', message: 'at least 1' });
				if (fields.length) throw ipcError('validation', 'invalid input', fields);
				this.rules = { ...rules };
				return { ...this.rules };
			}
			default: {
				// Invites (issue 4): mock/invites.ts.
				const result = this.invites.handle(cmd, args);
				return result === undefined ? NOT_HANDLED : result;
			}
		}
	}

	private inviteView(): InviteView {
		return {
			activities: this.activities,
			absences: this.absences,
			people: this.dir.people,
			addAbsence: (a) => this.absences.push({ id: this.nextAbsenceId++, ...a }),
			respond: (id, personId, status) => {
				const s = this.find(id);
				const p = s.input.participants.find((x) => x.personId === personId);
				if (!p) return;
				p.status = status;
				this.promote(s);
			}
		};
	}
}
