/**
 * Dev mock of the report commands, computed from the scheduling mock's activities with the rules of
 * `unisson_core::report` (took place, metrics, exchanges, coverage of shadowing days where both sides took part).
 * Periods use the day of the activity's start in Paris, as the seeded activities are all in Paris.
 */
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { Coverage } from '$lib/bindings/Coverage';
import type { CoverageCell } from '$lib/bindings/CoverageCell';
import type { Department } from '$lib/bindings/Department';
import type { GroupBy } from '$lib/bindings/GroupBy';
import type { IpcError } from '$lib/bindings/IpcError';
import type { Metric } from '$lib/bindings/Metric';
import type { ParticipantRecord } from '$lib/bindings/ParticipantRecord';
import type { ParticipationRow } from '$lib/bindings/ParticipationRow';
import type { PersonRow } from '$lib/bindings/PersonRow';
import type { TrendPoint } from '$lib/bindings/TrendPoint';
import type { TrendStep } from '$lib/bindings/TrendStep';
import { localDay } from '$lib/time';

export interface ReportsMockContext {
	people: () => PersonRow[];
	call: (cmd: string, args: Record<string, unknown>) => unknown;
}

type Base = Exclude<Metric, 'exchanges'>;

function tookPlace(a: ActivityRecord, p: ParticipantRecord): boolean {
	if (a.status === 'cancelled') return false;
	return p.status === 'attended' || (a.status === 'done' && ['invited', 'accepted', 'tentative'].includes(p.status));
}

function metricOf(a: ActivityRecord, p: ParticipantRecord): Base | null {
	if (a.status === 'cancelled') return null;
	const counted = tookPlace(a, p);
	if (a.kind === 'shadowing' && p.role === 'visitor' && counted) return 'shadowingVisitor';
	if (a.kind === 'shadowing' && p.role === 'host' && counted) return 'shadowingHost';
	if (a.kind === 'training' && p.role === 'attendee') {
		if (counted) return 'trainingsAttended';
		if (p.status === 'no_show') return 'trainingNoShows';
		if (p.status === 'excused') return 'trainingExcused';
	}
	if (a.kind === 'brief' && p.role === 'attendee' && counted) return 'briefsAttended';
	if (a.kind === 'colocation' && p.role === 'attendee' && counted) return 'colocationDays';
	return null;
}

const isExchange = (m: Base, d: Department) =>
	m === 'briefsAttended' ? d !== 'sales' : m !== 'trainingNoShows' && m !== 'trainingExcused';

function groupOf(by: GroupBy, p: PersonRow): string {
	if (by === 'person') return p.email;
	if (by === 'team') return p.team;
	if (by === 'department') return p.department;
	return p.siteName ?? '';
}

function activities(ctx: ReportsMockContext, from: string, to: string): ActivityRecord[] {
	const wide = (day: string, delta: number) => new Date(Date.parse(`${day}T00:00:00Z`) + delta * 86_400_000).toISOString();
	const list = ctx.call('activities_list', { query: { from: wide(from, -1), to: wide(to, 2), kind: null, personId: null } });
	return (list as ActivityRecord[]).filter((a) => {
		const day = localDay(a.start, a.zone);
		return day >= from && day <= to;
	});
}

function summary(ctx: ReportsMockContext, from: string, to: string, by: GroupBy): ParticipationRow[] {
	const people = ctx.people();
	const sums = new Map<number, Partial<Record<Base, number>>>();
	for (const a of activities(ctx, from, to)) {
		for (const p of a.participants) {
			const m = metricOf(a, p);
			if (!m) continue;
			const s = sums.get(p.personId) ?? {};
			s[m] = (s[m] ?? 0) + 1;
			sums.set(p.personId, s);
		}
	}
	const rows = new Map<string, ParticipationRow>();
	for (const person of people) {
		const key = groupOf(by, person);
		const row: ParticipationRow = rows.get(key) ?? {
			group: key, activePeople: 0, participants: 0, participationRate: null, shadowingVisitor: 0, shadowingHost: 0,
			trainingsAttended: 0, trainingNoShows: 0, trainingExcused: 0, briefsAttended: 0, colocationDays: 0, exchanges: 0
		};
		rows.set(key, row);
		let exchanges = 0;
		for (const [m, n] of Object.entries(sums.get(person.id) ?? {}) as [Base, number][]) {
			row[m] += n;
			if (isExchange(m, person.department)) exchanges += n;
		}
		row.exchanges += exchanges;
		if (person.active) {
			row.activePeople += 1;
			if (exchanges > 0) row.participants += 1;
		}
	}
	return [...rows.values()]
		.map((r) => ({ ...r, participationRate: r.activePeople > 0 ? r.participants / r.activePeople : null }))
		.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

function evidence(ctx: ReportsMockContext, from: string, to: string, by: GroupBy, group: string | null, metric: Metric): number[] {
	const members = new Map(ctx.people().filter((p) => group === null || groupOf(by, p) === group).map((p) => [p.id, p.department]));
	const ids: number[] = [];
	for (const a of activities(ctx, from, to)) {
		for (const p of a.participants) {
			const department = members.get(p.personId);
			const m = department === undefined ? null : metricOf(a, p);
			if (m && department && (m === metric || (metric === 'exchanges' && isExchange(m, department)))) ids.push(a.id);
		}
	}
	return ids;
}

function coverage(ctx: ReportsMockContext, from: string, to: string): Coverage {
	const active = ctx.people().filter((p) => p.active);
	const rows = [...new Set(active.filter((p) => p.department === 'marketing').map((p) => p.team))].sort();
	const columns = (['sales', 'crc'] as const).flatMap((department) =>
		[...new Set(active.filter((p) => p.department === department).map((p) => p.team))].sort().map((team) => ({ department, team }))
	);
	const cells = new Map<string, CoverageCell>();
	for (const a of activities(ctx, from, to)) {
		if (a.kind !== 'shadowing') continue;
		const visitor = a.participants.find((p) => p.role === 'visitor' && tookPlace(a, p));
		const host = a.participants.find((p) => p.role === 'host' && tookPlace(a, p));
		if (!visitor || !host) continue;
		const [mk, other] = visitor.department === 'marketing' ? [visitor, host] : [host, visitor];
		if (mk.department !== 'marketing' || (other.department !== 'sales' && other.department !== 'crc')) continue;
		const key = `${mk.team}|${other.department}|${other.team}`;
		const day = localDay(a.start, a.zone);
		const cell = cells.get(key) ?? { row: mk.team, department: other.department, team: other.team, days: 0, last: day, activityIds: [] };
		cell.days += 1;
		cell.last = day > cell.last ? day : cell.last;
		cell.activityIds.push(a.id);
		cells.set(key, cell);
	}
	return { rows, columns, cells: [...cells.values()] };
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The months or ISO weeks of `from..=to` (by week under 100 days, as the core), each cut to the period. */
function points(from: string, to: string, step: TrendStep | null): { label: string; from: string; to: string }[] {
	const weekly = (step ?? ((Date.parse(to) - Date.parse(from)) / 86_400_000 < 100 ? 'week' : 'month')) === 'week';
	const out: { label: string; from: string; to: string }[] = [];
	for (let day = from; day <= to && out.length < 400; ) {
		let end: string;
		let label: string;
		if (weekly) {
			const d = new Date(`${day}T12:00:00Z`);
			const monday = addDays(day, -((d.getUTCDay() + 6) % 7));
			end = addDays(monday, 6);
			const thursday = new Date(`${addDays(monday, 3)}T12:00:00Z`);
			const year = thursday.getUTCFullYear();
			const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1, 12)) / (7 * 86_400_000)) + 1;
			label = `${year}-W${String(week).padStart(2, '0')}`;
		} else {
			const [y, m] = day.split('-').map(Number) as [number, number];
			end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
			label = day.slice(0, 7);
		}
		if (end > to) end = to;
		out.push({ label, from: day, to: end });
		day = addDays(end, 1);
	}
	return out;
}

function trends(ctx: ReportsMockContext, from: string, to: string, step: TrendStep | null): TrendPoint[] {
	return points(from, to, step).map((p) => {
		const all = summary(ctx, p.from, p.to, 'department');
		const sum = (k: keyof Omit<ParticipationRow, 'group' | 'participationRate'>) => all.reduce((n, r) => n + r[k], 0);
		const [activePeople, participants] = [sum('activePeople'), sum('participants')];
		return {
			...p,
			activePeople,
			participants,
			participationRate: activePeople > 0 ? participants / activePeople : null,
			exchanges: sum('exchanges'),
			shadowingVisitor: sum('shadowingVisitor'),
			shadowingHost: sum('shadowingHost'),
			trainingsAttended: sum('trainingsAttended'),
			trainingNoShows: sum('trainingNoShows'),
			briefsAttended: sum('briefsAttended'),
			colocationDays: sum('colocationDays')
		};
	});
}

/** Answers a `report_*` command, or `undefined` for any other. */
export function mockReports(cmd: string, args: Record<string, unknown>, ctx: ReportsMockContext): unknown {
	const from = args.from as string;
	const to = args.to as string;
	if (cmd.startsWith('report_') && to < from) {
		const message = 'the last day of a period cannot be before its first';
		throw { code: 'validation', message, fields: [{ field: 'to', code: 'before_from', message }], findings: [] } satisfies IpcError;
	}
	switch (cmd) {
		case 'report_participation':
			return summary(ctx, from, to, args.by as GroupBy);
		case 'report_coverage':
			return coverage(ctx, from, to);
		case 'report_evidence':
			return evidence(ctx, from, to, args.by as GroupBy, (args.group as string | null) ?? null, args.metric as Metric);
		case 'report_trends':
			return trends(ctx, from, to, (args.step as TrendStep | null) ?? null);
		default:
			return undefined;
	}
}
