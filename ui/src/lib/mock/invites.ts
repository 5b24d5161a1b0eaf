/**
 * Dev-only mock of the invite commands (issue 4) for `npm run dev:mock`: `invite_preview` builds a plausible .ics,
 * `invites_export` counts what a folder would hold (a folder used once is "not empty" the second time),
 * `ics_import` reads one of two fixed files (leave, or replies to the activities of the mock). The Rust core
 * (`ops::invites`) remains the reference.
 */
import type { FieldCode } from '$lib/bindings/FieldCode';
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { Absence } from '$lib/bindings/Absence';
import type { ActivityInput } from '$lib/bindings/ActivityInput';
import type { FieldError } from '$lib/bindings/FieldError';
import type { IcsImportOptions } from '$lib/bindings/IcsImportOptions';
import type { IcsImportReport } from '$lib/bindings/IcsImportReport';
import type { InviteExportOptions } from '$lib/bindings/InviteExportOptions';
import type { InviteExportSummary } from '$lib/bindings/InviteExportSummary';
import type { IpcError } from '$lib/bindings/IpcError';
import type { ParticipationStatus } from '$lib/bindings/ParticipationStatus';
import type { ReplyPreview } from '$lib/bindings/ReplyPreview';
import { coming } from '$lib/activities';
import { addDays, localDay, localParts, today } from '$lib/time';

export interface InviteView {
	activities: { id: number; uid: string; sequence: number; input: ActivityInput }[];
	absences: Absence[];
	people: { id: number; fullName: string; email: string; active: boolean }[];
	addAbsence: (a: Omit<Absence, 'id'>) => void;
	/** Sets a participant's status (then promotes the waitlist). */
	respond: (activityId: number, personId: number, status: ParticipationStatus) => void;
}

const ZONE = 'Europe/Paris';
const ORGANIZER = { name: 'Planning Unisson', email: 'planning@exemple.fr' };

function error(code: ErrorCode, message: string, fields: FieldError[] = []): IpcError {
	return { code, message, fields, findings: [] };
}
const field = (f: string, code: FieldCode, message: string) => error('validation', message, [{ field: f, code, message }]);

const pad = (n: number) => String(n).padStart(2, '0');
function icsLocal(instant: string, zone: string): string {
	const p = localParts(instant, zone);
	return `${p.year}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}00`;
}
function icsUtc(ms: number): string {
	return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
/** Folds a content line at 75 octets (approximately: characters), as RFC 5545 asks. */
function fold(line: string): string {
	const out: string[] = [];
	for (let i = 0; i < line.length; i += i === 0 ? 75 : 74) out.push((i === 0 ? '' : ' ') + line.slice(i, i === 0 ? 75 : i + 74));
	return out.join('\r\n');
}
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');

const PARTSTAT: Partial<Record<ParticipationStatus, string>> = {
	invited: 'NEEDS-ACTION',
	accepted: 'ACCEPTED',
	tentative: 'TENTATIVE',
	declined: 'DECLINED',
	attended: 'ACCEPTED',
	no_show: 'ACCEPTED',
	excused: 'DECLINED'
};

export class InvitesMock {
	private usedDirs = new Set<string>();
	/** activity id → SEQUENCE last exported. */
	private exported = new Map<number, number>();
	private replies: ReplyPreview[] | null = null;

	constructor(private view: () => InviteView) {}

	handle(cmd: string, args: Record<string, unknown>): unknown {
		switch (cmd) {
			case 'invite_preview':
				return this.preview(args.id as number);
			case 'invites_export':
				return this.export(args.outDir as string, args.options as InviteExportOptions);
			case 'ics_import':
				return this.import(args.path as string, args.options as IcsImportOptions);
			default:
				return undefined;
		}
	}

	private preview(id: number): string {
		const v = this.view();
		const s = v.activities.find((a) => a.id === id);
		if (!s) throw error('not_found', `activity ${id} not found`);
		const a = s.input;
		const attendees = a.participants.filter((p) => PARTSTAT[p.status] !== undefined);
		if (attendees.length === 0) throw field('participants', 'no_attendees', 'this activity has nobody to invite yet: add participants first');
		const cancelled = a.status === 'cancelled';
		const lines = [
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Unisson//Unisson 0.1//FR',
			'CALSCALE:GREGORIAN',
			`METHOD:${cancelled ? 'CANCEL' : 'REQUEST'}`,
			'BEGIN:VTIMEZONE',
			`TZID:${a.timezone || ZONE}`,
			'BEGIN:STANDARD',
			'DTSTART:19701025T030000',
			'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
			'TZOFFSETFROM:+0200',
			'TZOFFSETTO:+0100',
			'END:STANDARD',
			'BEGIN:DAYLIGHT',
			'DTSTART:19700329T020000',
			'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
			'TZOFFSETFROM:+0100',
			'TZOFFSETTO:+0200',
			'END:DAYLIGHT',
			'END:VTIMEZONE',
			'BEGIN:VEVENT',
			`UID:${s.uid}`,
			`SEQUENCE:${s.sequence}`,
			`DTSTAMP:${icsUtc(Date.now())}`,
			...(a.allDay
				? [`DTSTART;VALUE=DATE:${localDay(a.start, a.timezone).replace(/-/g, '')}`, `DTEND;VALUE=DATE:${localDay(a.end, a.timezone).replace(/-/g, '')}`]
				: [`DTSTART;TZID=${a.timezone}:${icsLocal(a.start, a.timezone)}`, `DTEND;TZID=${a.timezone}:${icsLocal(a.end, a.timezone)}`]),
			`SUMMARY:${escapeText(a.title)}`,
			...(a.location ? [`LOCATION:${escapeText(a.location)}`] : []),
			...(a.description || a.goals ? [`DESCRIPTION:${escapeText([a.description, a.goals && `Objectifs : ${a.goals}`].filter(Boolean).join('\n\n'))}`] : []),
			`STATUS:${cancelled ? 'CANCELLED' : a.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE'}`,
			'TRANSP:OPAQUE',
			`ORGANIZER;CN="${ORGANIZER.name}":mailto:${ORGANIZER.email}`,
			...attendees.map((p) => {
				const who = v.people.find((x) => x.id === p.personId);
				const role = p.role === 'trainer' || p.role === 'host' ? 'CHAIR' : 'REQ-PARTICIPANT';
				return `ATTENDEE;CN="${who?.fullName ?? p.personId}";ROLE=${role};PARTSTAT=${PARTSTAT[p.status]};RSVP=TRUE:mailto:${who?.email ?? ''}`;
			}),
			'END:VEVENT',
			'END:VCALENDAR'
		];
		return lines.map(fold).join('\r\n') + '\r\n';
	}

	private export(outDir: string, options: InviteExportOptions): InviteExportSummary {
		const v = this.view();
		if (this.usedDirs.has(outDir)) throw field('outDir', 'not_empty', `${outDir} is not empty: choose a new or empty folder`);
		if (options.from && options.to && options.to < options.from) throw field('to', 'invalid_range', 'the last day comes before the first');
		const person = options.personEmail ? v.people.find((p) => p.email.toLowerCase() === options.personEmail?.toLowerCase()) : null;
		if (options.personEmail && !person) throw field('personEmail', 'unknown_person', `nobody has the email ${options.personEmail}`);
		const from = options.from ?? today(ZONE);
		const inRange = v.activities.filter((s) => {
			const d = localDay(s.input.start, s.input.timezone);
			return d >= from && (options.to === null || d <= options.to) && (!person || s.input.participants.some((p) => p.personId === person.id));
		});
		let requests = 0;
		let cancels = 0;
		let unchanged = 0;
		let deliveries = 0;
		const recipients = new Set<number>();
		const series = new Set<number>();
		for (const s of inRange) {
			const to = s.input.participants.filter((p) => (person ? p.personId === person.id : true) && (coming(p.status) || p.status === 'cancelled'));
			if (to.length === 0) continue;
			if (options.changedOnly && this.exported.get(s.id) === s.sequence) {
				unchanged += to.length;
				continue;
			}
			if (s.input.status === 'cancelled') cancels++;
			else requests++;
			if (s.input.seriesId !== null) series.add(s.input.seriesId);
			deliveries += to.length;
			to.forEach((p) => recipients.add(p.personId));
			this.exported.set(s.id, s.sequence);
		}
		this.usedDirs.add(outDir);
		const calendars = recipients.size;
		return {
			outDir,
			activities: inRange.length,
			requests,
			cancels,
			calendars,
			series: series.size,
			emails: options.eml ? deliveries : 0,
			deliveries: deliveries + calendars,
			unchanged,
			index: `${outDir.replace(/[\\/]$/, '')}/index.csv`
		};
	}

	private import(path: string, options: IcsImportOptions): IcsImportReport {
		if (/vide|empty/i.test(path)) throw error('invalid_ics', 'line 1: the file does not start with BEGIN:VCALENDAR');
		return /reponse|reply|replies/i.test(path) ? this.importReplies(options) : this.importAbsences(options);
	}

	private importAbsences(options: IcsImportOptions): IcsImportReport {
		const v = this.view();
		const email = options.personEmail?.trim() || null;
		const person = email ? v.people.find((p) => p.email.toLowerCase() === email.toLowerCase()) : null;
		if (email && !person) throw field('personEmail', 'unknown_person', `nobody has the email ${email}`);
		const year = Number(today(ZONE).slice(0, 4)) + 1;
		const events: [number, string, string, string][] = [
			[12, `${year}-02-16`, `${year}-02-20`, 'Vacances d’hiver'],
			[24, `${year}-05-07`, `${year}-05-07`, 'Pont du 8 mai'],
			[36, `${year}-05-14`, `${year}-05-15`, 'Pont de l’Ascension'],
			[48, `${year}-07-20`, `${year}-08-07`, 'Congés d’été'],
			[60, `${year}-12-24`, `${year}-12-31`, 'Fermeture de fin d’année']
		];
		// A repeating event is expanded into its days: a weekly day off (RRULE with an end), and a yearly holiday with
		// no end, cut two years after its first day (reported in `capped`).
		const firstWednesday = addDays(`${year}-09-01`, (3 - new Date(`${year}-09-01T12:00:00Z`).getUTCDay() + 7) % 7);
		for (let i = 0; i < 8; i++) {
			const d = addDays(firstWednesday, 7 * i);
			events.push([96, d, d, 'Mercredi off']);
		}
		for (let i = 0; i < 3; i++) events.push([108, `${year + i}-06-21`, `${year + i}-06-21`, 'Fête de l’entreprise']);
		const personId = person?.id ?? null;
		const absences = events.map(([line, firstDay, lastDay, reason]) => ({
			line,
			firstDay,
			lastDay,
			reason,
			personId,
			duplicate: v.absences.some((a) => a.personId === personId && a.firstDay === firstDay && a.lastDay === lastDay)
		}));
		const added = absences.filter((a) => !a.duplicate).length;
		if (!options.dryRun) {
			for (const a of absences) {
				if (!a.duplicate) v.addAbsence({ personId, firstDay: a.firstDay, lastDay: a.lastDay, reason: a.reason, source: 'ics' });
			}
		}
		return {
			kind: 'absences',
			dryRun: options.dryRun,
			absences,
			replies: [],
			skipped: [
				{ line: 72, summary: 'Réunion d’équipe', reason: 'a timed event is not an absence (only whole days are)' },
				{ line: 84, summary: 'Télétravail', reason: 'TRANSP:TRANSPARENT: free time, not an absence' }
			],
			capped: [{ line: 108, summary: 'Fête de l’entreprise', kept: 3, lastDay: `${year + 2}-06-21` }],
			added,
			updated: 0
		};
	}

	/** Replies to the first upcoming activities: some apply, some do not, one for each outcome worth seeing. */
	private buildReplies(): ReplyPreview[] {
		const v = this.view();
		const now = Date.now();
		const upcoming = v.activities
			.filter((s) => Date.parse(s.input.start) > now && s.input.status !== 'cancelled' && s.input.participants.length >= 2)
			.sort((a, b) => Date.parse(a.input.start) - Date.parse(b.input.start))
			.slice(0, 4);
		const out: ReplyPreview[] = [];
		let line = 14;
		const email = (id: number) => v.people.find((p) => p.id === id)?.email ?? `${id}@exemple.fr`;
		const reply = (s: (typeof upcoming)[number] | undefined, index: number, partstat: string, to: ParticipationStatus | null, outcome: ReplyPreview['outcome']) => {
			const p = s?.input.participants[index];
			if (!s || !p) return;
			out.push({ line, uid: s.uid, email: email(p.personId), partstat, outcome, activityId: s.id, personId: p.personId, from: p.status, to: to ?? p.status });
			line += 17;
		};
		const [a, b, c, d] = upcoming;
		reply(a, 0, 'ACCEPTED', 'accepted', a?.input.participants[0]?.status === 'accepted' ? 'unchanged' : 'applied');
		reply(a, 1, 'DECLINED', 'declined', 'applied');
		reply(b, 0, 'TENTATIVE', 'tentative', 'applied');
		reply(c, 1, 'ACCEPTED', null, 'stale');
		reply(d, 0, 'DELEGATED', null, 'unsupported');
		out.push({ line, uid: '1998-ancien@unisson.app', email: 'claire.martin@exemple.fr', partstat: 'ACCEPTED', outcome: 'unknown_uid', activityId: null, personId: null, from: null, to: null });
		return out;
	}

	private importReplies(options: IcsImportOptions): IcsImportReport {
		const v = this.view();
		this.replies ??= this.buildReplies();
		const replies = this.replies;
		const updated = replies.filter((r) => r.outcome === 'applied').length;
		if (!options.dryRun) {
			for (const r of replies) {
				if (r.outcome === 'applied' && r.activityId !== null && r.personId !== null && r.to) v.respond(r.activityId, r.personId, r.to);
			}
			// Read again, they are now up to date.
			this.replies = replies.map((r) => (r.outcome === 'applied' ? { ...r, outcome: 'unchanged', from: r.to } : r));
		}
		return { kind: 'replies', dryRun: options.dryRun, absences: [], replies, skipped: [], capped: [], added: 0, updated };
	}
}
