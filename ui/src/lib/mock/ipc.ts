/**
 * Dev-only in-memory backend for `npm run dev:mock` (VITE_MOCK_IPC=1): lets the UI run in a plain
 * browser without the Rust side. Imported only behind `import.meta.env.VITE_MOCK_IPC === '1'`,
 * so production builds do not contain it. It mirrors the command contract and its error codes;
 * the Rust side remains the reference for the actual rules.
 */
import type { FieldCode } from '$lib/bindings/FieldCode';
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { AppInfo } from '$lib/bindings/AppInfo';
import type { DatabaseStatus } from '$lib/bindings/DatabaseStatus';
import type { Department } from '$lib/bindings/Department';
import type { FieldError } from '$lib/bindings/FieldError';
import type { IpcError } from '$lib/bindings/IpcError';
import type { Person } from '$lib/bindings/Person';
import type { PersonInput } from '$lib/bindings/PersonInput';
import type { PersonRow } from '$lib/bindings/PersonRow';
import type { Settings } from '$lib/bindings/Settings';
import type { Site } from '$lib/bindings/Site';
import type { SiteInput } from '$lib/bindings/SiteInput';
import type { SiteRow } from '$lib/bindings/SiteRow';
import { NOT_HANDLED, SchedulingMock } from './scheduling';
import { mockImport } from './import';
import { mockPlan } from './plan';
import { mockObjectives } from './objectives';
import { today } from '$lib/time';
import { mockReports } from './reports';
import { mockDebriefs } from './debriefs';
import { mockPrivacy } from './privacy';

// ---------- deterministic demo data ----------

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

const FIRST = [
	'Hélène', 'Benoît', 'Chloé', 'Jérôme', 'Éloïse', 'François', 'Gaëlle', 'Noémie', 'Loïc', 'Zoé',
	'Amélie', 'Théo', 'Léa', 'Maël', 'Inès', 'Clément', 'Océane', 'Anaïs', 'Raphaël', 'Élodie',
	'Sébastien', 'Frédéric', 'Cécile', 'Aurélie', 'Stéphane', 'Valérie', 'Joël', 'Margaux', 'Camille',
	'Nicolas', 'Julien', 'Sarah', 'Thomas', 'Manon', 'Lucas', 'Pauline', 'Antoine', 'Émilie', 'Maxime',
	'Juliette', 'Hugo', 'Laure', 'Yannick', 'Solène', 'Grégoire', 'Agnès', 'Bérénice', 'Jérémy',
	'Ophélie', 'Timothée', 'Noël', 'Irène', 'Karim', 'Yasmine', 'Mathis', 'Céline', 'Adèle', 'Gaétan'
];
const LAST = [
	'Dupont', 'Lefèvre', 'Moreau', 'Girard', 'Bérard', 'Faure', 'Rousseau', 'Mercier', 'Blanc',
	'Guérin', 'Muller', 'Lemaître', 'Chevalier', 'Gauthier', 'Perrin', 'Morel', 'Fontaine', 'Roussel',
	'Lambert', 'Bonnet', 'Dubois', 'Laurent', 'Garnier', 'Barbier', 'Brun', 'Renaud', 'Huet',
	'Prévost', 'Lacroix', 'Ménard', 'Hébert', 'Côté', 'Joly', 'Aubert', 'Lévêque', 'Delacroix',
	'Le Goff', 'Lemoine', "N'Diaye", 'Nguyen', 'Benali', 'Haddad', 'Da Silva', 'Ferreira', 'Schäfer'
];
const TEAMS: Record<Department, string[]> = {
	marketing: ['Marketing produit', 'Marketing digital', 'Communication', 'Études clients'],
	sales: ['Ventes Île-de-France', 'Ventes Sud-Ouest', 'Ventes Rhône-Alpes', 'Grands comptes'],
	crc: ['Relation client Lyon', 'Service après-vente'],
	other: ['Direction', 'Ressources humaines']
};

function slug(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

interface Db {
	sites: Site[];
	people: Person[];
	settings: Settings;
	nextPersonId: number;
	nextSiteId: number;
}

function seed(count: number): Db {
	const rand = mulberry32(20240917);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
	const sites: Site[] = [
		{ id: 1, name: 'Paris', timezone: 'Europe/Paris', seats: 48, isCrc: false },
		{ id: 2, name: 'Lyon', timezone: 'Europe/Paris', seats: 24, isCrc: true }
	];
	const people: Person[] = [];
	const emails = new Set<string>();
	const leads = new Map<string, number>();
	const base = Date.UTC(2024, 0, 8, 9, 0, 0);

	for (let i = 0; i < count; i++) {
		const r = rand();
		const department: Department =
			i === 0 ? 'other' : r < 0.36 ? 'marketing' : r < 0.76 ? 'sales' : r < 0.95 ? 'crc' : 'other';
		const team = i === 0 ? 'Direction' : pick(TEAMS[department]);
		let fullName = '';
		let email = '';
		for (let attempt = 0; ; attempt++) {
			const first = pick(FIRST);
			const last = pick(LAST);
			fullName = `${first} ${last}`;
			const suffix = attempt > 4 ? String(attempt) : '';
			email = `${slug(first)}.${slug(last).replace(/-/g, '')}${suffix}@exemple.fr`;
			if (!emails.has(email)) break;
		}
		emails.add(email);
		const siteId =
			department === 'crc'
				? 2
				: team === 'Ventes Rhône-Alpes'
					? 2
					: rand() < 0.06
						? null
						: rand() < 0.75
							? 1
							: 2;
		const id = i + 1;
		let managerId: number | null = null;
		if (i > 0) {
			const lead = leads.get(team);
			if (lead === undefined) {
				leads.set(team, id);
				managerId = 1;
			} else {
				managerId = lead;
			}
		}
		const created = new Date(base + i * 36e5 * 7).toISOString();
		people.push({
			id,
			fullName,
			email,
			department,
			team,
			siteId,
			managerId,
			active: i < 3 ? true : rand() > 0.08,
			createdAt: created,
			updatedAt: created,
			anonymisedAt: null
		});
	}
	return {
		sites,
		people,
		settings: {
			organizerName: 'Claire Dubois',
			organizerEmail: 'claire.dubois@exemple.fr',
			defaultTimezone: 'Europe/Paris',
			language: null
		},
		nextPersonId: count + 1,
		nextSiteId: 3
	};
}

// ---------- rules (mirroring the Rust validation codes) ----------

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function timezones(): string[] {
	const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
	const zones = intl.supportedValuesOf?.('timeZone') ?? [];
	const all = new Set([...zones, 'UTC', 'Europe/Paris', 'Europe/Brussels', 'Europe/Zurich', 'America/Martinique', 'Indian/Reunion']);
	return [...all].sort();
}

class Invalid {
	fields: FieldError[] = [];
	add(field: string, code: FieldCode, message: string) {
		this.fields.push({ field, code, message });
	}
	throwIfAny(): void {
		if (this.fields.length) throw ipcError('validation', 'validation failed', this.fields);
	}
}

function ipcError(code: ErrorCode, message: string, fields: FieldError[] = []): IpcError {
	return { code, message, fields, findings: [] };
}

function validatePerson(db: Db, input: PersonInput, id: number | null): void {
	const v = new Invalid();
	const name = input.fullName.trim();
	if (!name) v.add('fullName', 'required', 'full name is required');
	else if (name.length > 120) v.add('fullName', 'too_long', 'full name is too long');
	const email = input.email.trim().toLowerCase();
	if (!email) v.add('email', 'required', 'email is required');
	else if (!EMAIL_RE.test(email)) v.add('email', 'invalid_email', 'email is not valid');
	else if (db.people.some((p) => p.id !== id && p.email.toLowerCase() === email))
		v.add('email', 'duplicate_email', 'email already used');
	if (input.team.length > 120) v.add('team', 'too_long', 'team is too long');
	if (input.siteId !== null && !db.sites.some((s) => s.id === input.siteId))
		v.add('siteId', 'unknown_site', 'unknown site');
	if (input.managerId !== null) {
		if (id !== null && input.managerId === id) v.add('managerId', 'self_manager', 'a person cannot manage themselves');
		else if (!db.people.some((p) => p.id === input.managerId)) v.add('managerId', 'unknown_manager', 'unknown manager');
		else if (id !== null) {
			// Walk up from the new manager: reaching `id` means a cycle.
			let cursor: number | null = input.managerId;
			const seen = new Set<number>();
			while (cursor !== null && !seen.has(cursor)) {
				if (cursor === id) {
					v.add('managerId', 'manager_cycle', 'manager cycle');
					break;
				}
				seen.add(cursor);
				cursor = db.people.find((p) => p.id === cursor)?.managerId ?? null;
			}
		}
	}
	v.throwIfAny();
}

function validateSite(db: Db, input: SiteInput, id: number | null): void {
	const v = new Invalid();
	const name = input.name.trim();
	if (!name) v.add('name', 'required', 'name is required');
	else if (name.length > 80) v.add('name', 'too_long', 'name is too long');
	else if (db.sites.some((s) => s.id !== id && s.name.toLowerCase() === name.toLowerCase()))
		v.add('name', 'duplicate_name', 'name already used');
	if (!timezones().includes(input.timezone)) v.add('timezone', 'unknown_timezone', 'unknown time zone');
	if (input.seats < 0) v.add('seats', 'negative', 'seats cannot be negative');
	v.throwIfAny();
}

function validateSettings(s: Settings): void {
	const v = new Invalid();
	if (s.organizerName.length > 120) v.add('organizerName', 'too_long', 'too long');
	if (s.organizerEmail.trim() && !EMAIL_RE.test(s.organizerEmail.trim()))
		v.add('organizerEmail', 'invalid_email', 'email is not valid');
	if (!timezones().includes(s.defaultTimezone)) v.add('defaultTimezone', 'unknown_timezone', 'unknown time zone');
	v.throwIfAny();
}

function toRow(db: Db, p: Person): PersonRow {
	return {
		id: p.id,
		fullName: p.fullName,
		email: p.email,
		department: p.department,
		team: p.team,
		siteId: p.siteId,
		siteName: db.sites.find((s) => s.id === p.siteId)?.name ?? null,
		managerId: p.managerId,
		managerName: db.people.find((m) => m.id === p.managerId)?.fullName ?? null,
		active: p.active,
		anonymised: p.anonymisedAt !== null
	};
}

function findPerson(db: Db, id: number): Person {
	const person = db.people.find((p) => p.id === id);
	if (!person) throw ipcError('not_found', `person ${id} not found`);
	return person;
}

function findSite(db: Db, id: number): Site {
	const site = db.sites.find((s) => s.id === id);
	if (!site) throw ipcError('not_found', `site ${id} not found`);
	return site;
}

type Args = Record<string, unknown>;

let schedulingMock: SchedulingMock | null = null;
/** The scheduling mock, seeded on first use from the same people and sites. */
function scheduling(db: Db): SchedulingMock {
	if (!schedulingMock) {
		schedulingMock = new SchedulingMock(db);
		schedulingMock.seed();
	}
	return schedulingMock;
}

function handle(db: Db, cmd: string, args: Args): unknown {
	const now = new Date().toISOString();
	switch (cmd) {
		case 'people_list':
			return db.people.map((p) => toRow(db, p));
		case 'person_add': {
			const input = args.input as PersonInput;
			validatePerson(db, input, null);
			const person: Person = {
				...input,
				fullName: input.fullName.trim(),
				email: input.email.trim(),
				team: input.team.trim(),
				id: db.nextPersonId++,
				createdAt: now,
				updatedAt: now,
				anonymisedAt: null
			};
			db.people.push(person);
			return person;
		}
		case 'person_update': {
			const id = args.id as number;
			const input = args.input as PersonInput;
			const person = findPerson(db, id);
			validatePerson(db, input, id);
			Object.assign(person, {
				...input,
				fullName: input.fullName.trim(),
				email: input.email.trim(),
				team: input.team.trim(),
				updatedAt: now
			});
			return { ...person };
		}
		case 'person_set_active': {
			const person = findPerson(db, args.id as number);
			person.active = args.active as boolean;
			person.updatedAt = now;
			return { ...person };
		}
		case 'sites_list':
			return db.sites.map(
				(s): SiteRow => ({ ...s, peopleCount: db.people.filter((p) => p.siteId === s.id).length })
			);
		case 'site_add': {
			const input = args.input as SiteInput;
			validateSite(db, input, null);
			const site: Site = { ...input, name: input.name.trim(), id: db.nextSiteId++ };
			db.sites.push(site);
			return site;
		}
		case 'site_update': {
			const id = args.id as number;
			const input = args.input as SiteInput;
			const site = findSite(db, id);
			validateSite(db, input, id);
			Object.assign(site, { ...input, name: input.name.trim() });
			return { ...site };
		}
		case 'site_delete': {
			const id = args.id as number;
			findSite(db, id);
			if (db.people.some((p) => p.siteId === id)) throw ipcError('site_in_use', 'site is in use');
			db.sites = db.sites.filter((s) => s.id !== id);
			return null;
		}
		case 'settings_get':
			return { ...db.settings };
		case 'settings_update': {
			const settings = args.settings as Settings;
			validateSettings(settings);
			db.settings = { ...settings };
			return { ...db.settings };
		}
		case 'timezones_list':
			return timezones();
		case 'app_info':
			return {
				version: '0.1.0-mock',
				dbPath: '/home/demo/.local/share/fr.unisson.app/unisson.db',
				systemLocale: navigator.language,
				fixedNow: null,
				commit: 'mock'
			} satisfies AppInfo;
		case 'database_status':
		case 'database_open_demo':
		case 'database_open':
			// The mock holds one demo-like organisation: never new, and not switchable.
			return {
				isNew: db.people.length === 0,
				isDemo: false,
				sites: db.sites.length,
				people: db.people.length,
				activities: 0,
				organizerSet: db.settings.organizerName !== '' && db.settings.organizerEmail !== ''
			} satisfies DatabaseStatus;
		default: {
			// Activities, absences and planning rules live in their own mock (scheduling.ts).
			const result = scheduling(db).handle(cmd, args);
			if (result !== NOT_HANDLED) return result;
			throw ipcError('internal', `mock: unknown command ${cmd}`);
		}
	}
}

let installed = false;

export function installMockIpc(): void {
	if (installed) return;
	installed = true;
	const count = Number(import.meta.env.VITE_MOCK_PEOPLE ?? '120') || 120;
	const db = seed(count);
	mockIPC(async (cmd, payload) => {
		// A little latency so loading states are visible, as with a real database.
		await new Promise((resolve) => setTimeout(resolve, cmd.endsWith('_list') ? 250 : 120));
		const args = (payload ?? {}) as Args;
		const imported = await mockImport(cmd, args, (input) => handle(db, 'person_add', { input }));
		if (cmd.startsWith('plan_')) {
			const planned = await mockPlan(cmd, args, {
				people: () => db.people,
				siteName: (id) => db.sites.find((s) => s.id === id)?.name ?? '',
				call: (c, a) => handle(db, c, a)
			});
			return JSON.parse(JSON.stringify(planned ?? null)) as unknown;
		}
		if (cmd.startsWith('debrief') || cmd.startsWith('offer_')) {
			const answer = mockDebriefs(cmd, args, {
				people: () => db.people.map((p) => toRow(db, p)),
				call: (c, a) => handle(db, c, a)
			});
			return JSON.parse(JSON.stringify(answer ?? null)) as unknown;
		}
		if (cmd.startsWith('report_')) {
			const report = mockReports(cmd, args, {
				people: () => db.people.map((p) => toRow(db, p)),
				call: (c, a) => handle(db, c, a)
			});
			return JSON.parse(JSON.stringify(report ?? null)) as unknown;
		}
		const privacy = mockPrivacy(cmd, args, { people: () => db.people, call: (c, a) => handle(db, c, a) });
		if (privacy !== undefined) return JSON.parse(JSON.stringify(privacy)) as unknown;
		if (cmd.startsWith('objective')) {
			const answer = mockObjectives(cmd, args, {
				people: () => db.people.map((p) => toRow(db, p)),
				call: (c, a) => handle(db, c, a),
				today: () => today('Europe/Paris')
			});
			return JSON.parse(JSON.stringify(answer ?? null)) as unknown;
		}
		if (imported !== undefined) return JSON.parse(JSON.stringify(imported)) as unknown;
		// Round-trip through JSON like the real IPC, so the UI never shares objects with the "database".
		return JSON.parse(JSON.stringify(handle(db, cmd, args) ?? null)) as unknown;
	});
	console.info(`[unisson] mock IPC installed with ${count} people`);
}
