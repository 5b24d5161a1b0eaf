/**
 * Dev mock of the debrief commands, over the scheduling mock's activities with the rules of
 * `unisson_core::ops::debriefs` and `report::debriefs` (who debriefs, took place, tags folded, periods by the day the
 * activity starts in Paris). A few past activities get seeded debriefs so every view has something to show.
 */
import type { FieldCode } from '$lib/bindings/FieldCode';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { Debrief } from '$lib/bindings/Debrief';
import type { DebriefCompletion } from '$lib/bindings/DebriefCompletion';
import type { DebriefInput } from '$lib/bindings/DebriefInput';
import type { DebriefQuery } from '$lib/bindings/DebriefQuery';
import type { DebriefRecord } from '$lib/bindings/DebriefRecord';
import type { GroupBy } from '$lib/bindings/GroupBy';
import type { IpcError } from '$lib/bindings/IpcError';
import type { OfferInsight } from '$lib/bindings/OfferInsight';
import type { OfferInsights } from '$lib/bindings/OfferInsights';
import type { ParticipantRecord } from '$lib/bindings/ParticipantRecord';
import type { PendingDebrief } from '$lib/bindings/PendingDebrief';
import type { PersonRow } from '$lib/bindings/PersonRow';
import { fold, MAX_TAG, MAX_TEXT } from '$lib/debriefs';
import { localDay } from '$lib/time';

export interface DebriefsMockContext {
	people: () => PersonRow[];
	call: (cmd: string, args: Record<string, unknown>) => unknown;
}

const ZONE = 'Europe/Paris';
const SEED_TAGS = ['éco-énergie', 'Box Fibre Pro', 'Assurance habitation', 'Offre Jeunes', ''];
const SEED_NEEDS = [
	'Les clients veulent savoir combien ils économiseront dès la première année.',
	'Les TPE demandent un débit montant garanti pour la visioconférence.',
	'Les jeunes locataires cherchent une assurance résiliable à tout moment.',
	'Les étudiants veulent payer au mois, sans frais de dossier.'
];

let debriefs: Debrief[] | null = null;
let nextId = 1;

const fail = (field: string, code: FieldCode, message: string): IpcError => ({ code: 'validation', message, fields: [{ field, code, message }], findings: [] });

function debriefed(a: ActivityRecord, p: ParticipantRecord): boolean {
	return (a.kind === 'shadowing' && (p.role === 'visitor' || p.role === 'host')) || (a.kind === 'training' && (p.role === 'attendee' || p.role === 'trainer'));
}
function tookPlace(a: ActivityRecord, p: ParticipantRecord): boolean {
	return a.status !== 'cancelled' && (p.status === 'attended' || (a.status === 'done' && ['invited', 'accepted', 'tentative'].includes(p.status)));
}

function activities(ctx: DebriefsMockContext): ActivityRecord[] {
	const list = ctx.call('activities_list', { query: { from: '1970-01-01T00:00:00Z', to: '9999-12-31T00:00:00Z', kind: null, personId: null } });
	return list as ActivityRecord[];
}

function store(ctx: DebriefsMockContext): Debrief[] {
	if (debriefs) return debriefs;
	debriefs = [];
	let n = 0;
	for (const a of activities(ctx)) {
		if (Date.parse(a.start) > Date.now() - 14 * 86_400_000) continue;
		for (const p of a.participants) {
			if (!debriefed(a, p) || !tookPlace(a, p) || n++ % 4 === 3) continue;
			debriefs.push({
				id: nextId++, activityId: a.id, personId: p.personId, rating: 2 + (n % 4), learned: 'Le terrain vu de près.',
				customerNeeds: SEED_NEEDS[n % SEED_NEEDS.length] ?? '', offerFeedback: '', offerTag: SEED_TAGS[n % SEED_TAGS.length] ?? '',
				createdAt: a.end, updatedAt: a.end
			});
		}
	}
	return debriefs;
}

function expected(ctx: DebriefsMockContext, from: string | null, to: string | null): PendingDebrief[] {
	const out: PendingDebrief[] = [];
	for (const a of activities(ctx).reverse()) {
		const day = localDay(a.start, a.zone);
		if ((from && day < from) || (to && day > to) || Date.parse(a.start) > Date.now()) continue;
		for (const p of a.participants) {
			if (!debriefed(a, p) || !tookPlace(a, p)) continue;
			out.push({ activityId: a.id, kind: a.kind, activityTitle: a.title, start: a.start, day, personId: p.personId, personName: p.name, email: p.email, team: p.team, department: p.department, role: p.role });
		}
	}
	return out;
}
const filled = (ctx: DebriefsMockContext, e: PendingDebrief) => store(ctx).some((d) => d.activityId === e.activityId && d.personId === e.personId);

function groupOf(by: GroupBy, p: PersonRow | undefined): string {
	if (!p) return '';
	return by === 'person' ? p.email : by === 'team' ? p.team : by === 'department' ? p.department : (p.siteName ?? '');
}

function records(ctx: DebriefsMockContext): DebriefRecord[] {
	const byId = new Map(activities(ctx).map((a) => [a.id, a]));
	return store(ctx)
		.flatMap((d) => {
			const a = byId.get(d.activityId);
			const p = a?.participants.find((x) => x.personId === d.personId);
			if (!a || !p) return [];
			return [{ debrief: d, kind: a.kind, activityTitle: a.title, start: a.start, day: localDay(a.start, ZONE), personName: p.name, team: p.team, department: p.department, role: p.role }];
		})
		.sort((x, y) => y.start.localeCompare(x.start));
}

function save(ctx: DebriefsMockContext, input: DebriefInput): Debrief {
	if (input.rating < 1 || input.rating > 5) throw fail('rating', 'out_of_range', 'the rating is 1 to 5');
	for (const f of ['learned', 'customerNeeds', 'offerFeedback'] as const) {
		if (input[f].trim().length > MAX_TEXT) throw fail(f, 'too_long', `at most ${MAX_TEXT} characters`);
	}
	const tag = input.offerTag.trim().replace(/\s+/g, ' ');
	if (tag.length > MAX_TAG) throw fail('offerTag', 'too_long', `at most ${MAX_TAG} characters`);
	const a = activities(ctx).find((x) => x.id === input.activityId);
	if (!a) throw { code: 'not_found', message: 'activity not found', fields: [], findings: [] } satisfies IpcError;
	if (a.status === 'cancelled') throw fail('activityId', 'cancelled', 'a cancelled activity has no debrief');
	if (Date.parse(a.start) > Date.now()) throw fail('activityId', 'not_yet', 'not started');
	const known = store(ctx).map((d) => d.offerTag).find((k) => k && fold(k) === fold(tag));
	const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const list = store(ctx);
	const old = list.find((d) => d.activityId === input.activityId && d.personId === input.personId);
	const saved: Debrief = { ...input, offerTag: known ?? tag, learned: input.learned.trim(), customerNeeds: input.customerNeeds.trim(), offerFeedback: input.offerFeedback.trim(), id: old?.id ?? nextId++, createdAt: old?.createdAt ?? now, updatedAt: now };
	debriefs = [...list.filter((d) => d !== old), saved];
	return saved;
}

function insights(ctx: DebriefsMockContext, from: string, to: string, kind: string | null): OfferInsights {
	const months: string[] = [];
	for (let m = from.slice(0, 7); m <= to.slice(0, 7); ) {
		months.push(m);
		const [y, mo] = m.split('-').map(Number) as [number, number];
		m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
	}
	const length = Date.parse(to) - Date.parse(from) + 86_400_000;
	const previousTo = new Date(Date.parse(from) - 86_400_000).toISOString().slice(0, 10);
	const previousFrom = new Date(Date.parse(from) - length).toISOString().slice(0, 10);
	const buckets = new Map<string, OfferInsight>();
	for (const r of records(ctx)) {
		if (kind && r.kind !== kind) continue;
		const inPeriod = r.day >= from && r.day <= to;
		if (!inPeriod && !(r.day >= previousFrom && r.day <= previousTo)) continue;
		const key = fold(r.debrief.offerTag);
		const o = buckets.get(key) ?? { tag: r.debrief.offerTag, debriefs: 0, averageRating: null, previousDebriefs: 0, months: months.map((month) => ({ month, debriefs: 0, averageRating: null })), quotes: [] };
		buckets.set(key, o);
		if (!inPeriod) {
			o.previousDebriefs += 1;
			continue;
		}
		o.averageRating = ((o.averageRating ?? 0) * o.debriefs + r.debrief.rating) / (o.debriefs + 1);
		o.debriefs += 1;
		const m = o.months.find((x) => x.month === r.day.slice(0, 7));
		if (m) {
			m.averageRating = ((m.averageRating ?? 0) * m.debriefs + r.debrief.rating) / (m.debriefs + 1);
			m.debriefs += 1;
		}
		if ((r.debrief.customerNeeds || r.debrief.offerFeedback) && o.quotes.length < 5) {
			o.quotes.push({ debriefId: r.debrief.id, activityId: r.debrief.activityId, activityTitle: r.activityTitle, kind: r.kind, day: r.day, personName: r.personName, team: r.team, rating: r.debrief.rating, customerNeeds: r.debrief.customerNeeds, offerFeedback: r.debrief.offerFeedback });
		}
	}
	const offers = [...buckets.values()].sort((a, b) => Number(a.tag === '') - Number(b.tag === '') || b.debriefs - a.debriefs || fold(a.tag).localeCompare(fold(b.tag)));
	const trending = offers.filter((o) => o.tag && o.debriefs > o.previousDebriefs).sort((a, b) => b.debriefs - b.previousDebriefs - (a.debriefs - a.previousDebriefs)).map((o) => o.tag);
	return { from, to, previousFrom, previousTo, months, offers, trending };
}

function completion(ctx: DebriefsMockContext, from: string, to: string, by: GroupBy): DebriefCompletion {
	const people = new Map(ctx.people().map((p) => [p.id, p]));
	const total = { group: '', expected: 0, filled: 0, rate: null as number | null };
	const groups = new Map<string, typeof total>();
	for (const e of expected(ctx, from, to)) {
		const key = groupOf(by, people.get(e.personId));
		const row = groups.get(key) ?? { group: key, expected: 0, filled: 0, rate: null };
		groups.set(key, row);
		const f = filled(ctx, e) ? 1 : 0;
		for (const r of [total, row]) {
			r.expected += 1;
			r.filled += f;
		}
	}
	const finish = (r: typeof total) => ({ ...r, rate: r.expected > 0 ? r.filled / r.expected : null });
	return { from, to, total: finish(total), groups: [...groups.values()].map(finish).sort((a, b) => (a.group < b.group ? -1 : 1)) };
}

/** Answers a debrief command, or `undefined` for any other. */
export function mockDebriefs(cmd: string, args: Record<string, unknown>, ctx: DebriefsMockContext): unknown {
	switch (cmd) {
		case 'debriefs_pending':
			return expected(ctx, null, null).filter((e) => !filled(ctx, e) && (args.personId == null || e.personId === args.personId));
		case 'debriefs_list': {
			const q = args.query as DebriefQuery;
			const tag = q.offerTag === null ? null : fold(q.offerTag);
			return records(ctx).filter(
				(r) => (!q.from || r.day >= q.from) && (!q.to || r.day <= q.to) && (!q.kind || r.kind === q.kind) && (tag === null || fold(r.debrief.offerTag) === tag) && (q.personId === null || r.debrief.personId === q.personId)
			);
		}
		case 'debrief_save':
			return save(ctx, args.input as DebriefInput);
		case 'debrief_delete': {
			const list = store(ctx);
			if (!list.some((d) => d.id === args.id)) throw { code: 'not_found', message: 'debrief not found', fields: [], findings: [] } satisfies IpcError;
			debriefs = list.filter((d) => d.id !== args.id);
			return null;
		}
		case 'offer_tags': {
			const counts = new Map<string, number>();
			for (const d of store(ctx)) if (d.offerTag) counts.set(d.offerTag, (counts.get(d.offerTag) ?? 0) + 1);
			return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
		}
		case 'offer_insights':
			return insights(ctx, args.from as string, args.to as string, (args.kind as string | null) ?? null);
		case 'debrief_completion':
			return completion(ctx, args.from as string, args.to as string, args.by as GroupBy);
		case 'debrief_missing': {
			const people = new Map(ctx.people().map((p) => [p.id, p]));
			return expected(ctx, args.from as string, args.to as string).filter(
				(e) => !filled(ctx, e) && (args.group == null || groupOf(args.by as GroupBy, people.get(e.personId)) === args.group)
			);
		}
		default:
			return undefined;
	}
}
