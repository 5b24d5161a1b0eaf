/**
 * The planning board's layout as pure functions: people as rows, days as columns, each activity a block placed in
 * its person's row (morning in the upper half, afternoon in the lower half, a whole day across), absences and
 * holidays as greyed days, which rows are in view (virtualisation), and where a drag lands.
 */
import type { Absence } from '$lib/bindings/Absence';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { BoardItem as BoardListItem } from '$lib/bindings/BoardItem';
import type { ParticipantRecord } from '$lib/bindings/ParticipantRecord';
import type { PersonRow } from '$lib/bindings/PersonRow';
import { coming } from './activities';
import { dayDiff, lastDayOf, localDay, localParts, type Day } from './time';

/** One activity of one person, placed on the board. */
export interface BoardItem {
	activity: ActivityRecord;
	participant: ParticipantRecord;
	/** First column (may be negative when it starts before the window). */
	col: number;
	/** Columns covered, clipped to the window. */
	span: number;
	/** Starts before / ends after the window. */
	clippedStart: boolean;
	clippedEnd: boolean;
	/** Vertical placement inside the row, as fractions of the row height. */
	top: number;
	height: number;
	/** Half-day slots covered: [start, end), two per day (0 = morning of day 0). */
	slots: [number, number];
	/** Shares its half-day with another item of the same person (drawn side by side in height). */
	overlaps: boolean;
}

export interface BoardRow {
	person: PersonRow;
	items: BoardItem[];
	/** Column → reason, for the person's own absences. */
	absent: Map<number, string>;
}

export interface BoardLayout {
	days: Day[];
	rows: BoardRow[];
	/** Column → reason, for company holidays. */
	holidays: Map<number, string>;
	/** Number of items placed (for the status line and tests). */
	itemCount: number;
}

/** Half-day slot of a local time: before 13:00 is the morning. */
function slotOf(hour: number, minute: number): 0 | 1 {
	return hour * 60 + minute < 13 * 60 ? 0 : 1;
}

// Records are replaced (never mutated) when a window reloads, so a cache keyed by the record stays correct; it spares
// the Intl time-zone conversions when only the filters change.
const slotCache = new WeakMap<object, { first: Day; slots: [number, number] }>();

/** Cached {@link activitySlots}. */
function slotsOf(activity: ActivityRecord, first: Day): [number, number] {
	const hit = slotCache.get(activity);
	if (hit && hit.first === first) return hit.slots;
	const slots = activitySlots(activity, first);
	slotCache.set(activity, { first, slots });
	return slots;
}

/** The half-day slots [start, end) an activity covers relative to `first` (two per day). */
export function activitySlots(
	activity: Pick<ActivityRecord, 'start' | 'end' | 'zone' | 'allDay'>,
	first: Day
): [number, number] {
	const startDay = localDay(activity.start, activity.zone);
	const endDay = lastDayOf(activity.start, activity.end, activity.zone);
	const c0 = dayDiff(first, startDay);
	const c1 = dayDiff(first, endDay);
	if (activity.allDay) return [c0 * 2, c1 * 2 + 2];
	const s = localParts(activity.start, activity.zone);
	const endMs = Math.max(Date.parse(activity.end) - 1000, Date.parse(activity.start));
	const e = localParts(endMs, activity.zone);
	return [c0 * 2 + slotOf(s.hour, s.minute), c1 * 2 + slotOf(e.hour, e.minute) + 1];
}

/**
 * Places a person's items: items that share no half-day keep their natural place (morning top, afternoon bottom,
 * whole day full height); items that overlap are stacked in equal lanes so none hides another.
 */
export function placeItems(items: Omit<BoardItem, 'top' | 'height' | 'overlaps'>[]): BoardItem[] {
	const sorted = [...items].sort(
		(a, b) => a.slots[0] - b.slots[0] || b.slots[1] - a.slots[1] || a.activity.id - b.activity.id
	);
	const out: BoardItem[] = [];
	let cluster: (typeof sorted)[number][] = [];
	let clusterEnd = -Infinity;
	const flush = () => {
		if (cluster.length === 0) return;
		// Greedy lane assignment inside the cluster.
		const laneEnds: number[] = [];
		const lanes: number[] = [];
		for (const item of cluster) {
			let lane = laneEnds.findIndex((end) => end <= item.slots[0]);
			if (lane === -1) {
				lane = laneEnds.length;
				laneEnds.push(item.slots[1]);
			} else {
				laneEnds[lane] = item.slots[1];
			}
			lanes.push(lane);
		}
		const laneCount = laneEnds.length;
		cluster.forEach((item, i) => {
			if (laneCount === 1) {
				const single = item.slots[1] - item.slots[0] === 1;
				const pm = item.slots[0] % 2 === 1;
				out.push({
					...item,
					top: single && pm ? 0.5 : 0,
					height: single ? 0.5 : 1,
					overlaps: false
				});
			} else {
				const lane = lanes[i] ?? 0;
				out.push({ ...item, top: lane / laneCount, height: 1 / laneCount, overlaps: true });
			}
		});
		cluster = [];
		clusterEnd = -Infinity;
	};
	for (const item of sorted) {
		if (item.slots[0] >= clusterEnd) flush();
		cluster.push(item);
		clusterEnd = Math.max(clusterEnd, item.slots[1]);
	}
	flush();
	return out;
}

export interface LayoutOptions {
	/** Show cancelled activities (struck through). */
	showCancelled?: boolean;
}

/**
 * The compact items of `board_list` as the records the board draws: names, departments and teams come from the people
 * list the page already has, site names from the sites. Fields the board does not show stay empty; the full record is
 * fetched with `activity_get` when an item is opened.
 */
export function boardRecords(
	items: readonly BoardListItem[],
	people: readonly Pick<PersonRow, 'id' | 'fullName' | 'email' | 'department' | 'team'>[],
	sites: readonly { id: number; name: string }[]
): ActivityRecord[] {
	const byId = new Map(people.map((p) => [p.id, p]));
	const siteName = new Map(sites.map((x) => [x.id, x.name]));
	return items.map((item) => ({
		id: item.id,
		kind: item.kind,
		title: item.title,
		start: item.start,
		end: item.end,
		zone: item.zone,
		allDay: item.allDay,
		siteId: item.siteId,
		site: item.siteId === null ? null : (siteName.get(item.siteId) ?? null),
		location: '',
		status: item.status,
		uid: '',
		sequence: 0,
		halfDay: item.halfDay,
		capacity: null,
		seriesId: null,
		description: '',
		goals: '',
		organizerId: null,
		mixMinMarketing: null,
		mixMinSales: null,
		participants: item.seats.map((seat) => {
			const p = byId.get(seat.personId);
			return {
				personId: seat.personId,
				email: p?.email ?? '',
				name: p?.fullName ?? '',
				department: p?.department ?? 'other',
				team: p?.team ?? '',
				role: seat.role,
				status: seat.status,
				changedAt: ''
			};
		})
	}));
}

/** The whole board for `people` (already filtered and sorted) over `days`. */
export function layoutBoard(
	people: readonly PersonRow[],
	days: readonly Day[],
	activities: readonly ActivityRecord[],
	absences: readonly Absence[],
	options: LayoutOptions = {}
): BoardLayout {
	const first = days[0];
	const n = days.length;
	const holidays = new Map<number, string>();
	if (first === undefined) return { days: [], rows: [], holidays, itemCount: 0 };
	const last = days[n - 1] ?? first;

	const byPerson = new Map<number, Omit<BoardItem, 'top' | 'height' | 'overlaps'>[]>();
	const wanted = new Set(people.map((p) => p.id));
	for (const activity of activities) {
		if (activity.status === 'cancelled' && !options.showCancelled) continue;
		const slots = slotsOf(activity, first);
		const c0 = Math.floor(slots[0] / 2);
		const c1 = Math.ceil(slots[1] / 2) - 1;
		if (c1 < 0 || c0 >= n) continue;
		const col = Math.max(0, c0);
		const span = Math.min(n - 1, c1) - col + 1;
		for (const participant of activity.participants) {
			if (!wanted.has(participant.personId)) continue;
			if (!coming(participant.status) && activity.status !== 'cancelled') continue;
			let list = byPerson.get(participant.personId);
			if (!list) byPerson.set(participant.personId, (list = []));
			list.push({ activity, participant, col, span, clippedStart: c0 < 0, clippedEnd: c1 >= n, slots });
		}
	}

	const absentByPerson = new Map<number, Map<number, string>>();
	for (const a of absences) {
		const from = Math.max(0, dayDiff(first, a.firstDay));
		const to = Math.min(n - 1, dayDiff(first, a.lastDay));
		if (a.lastDay < first || a.firstDay > last) continue;
		for (let c = from; c <= to; c++) {
			if (a.personId === null) {
				holidays.set(c, a.reason);
			} else {
				let m = absentByPerson.get(a.personId);
				if (!m) absentByPerson.set(a.personId, (m = new Map()));
				m.set(c, a.reason);
			}
		}
	}

	let itemCount = 0;
	const rows = people.map((person) => {
		const items = placeItems(byPerson.get(person.id) ?? []);
		itemCount += items.length;
		return { person, items, absent: absentByPerson.get(person.id) ?? new Map<number, string>() };
	});
	return { days: [...days], rows, holidays, itemCount };
}

/** The rows to render for a scroll position: the visible ones plus `overscan` on each side. */
export function visibleRows(
	scrollTop: number,
	viewportHeight: number,
	rowHeight: number,
	total: number,
	overscan = 6
): { first: number; last: number } {
	if (total <= 0 || rowHeight <= 0) return { first: 0, last: -1 };
	const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
	const last = Math.min(total - 1, Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight) + overscan);
	return { first, last };
}

/** The column under a horizontal position in the days area (clamped to the window). */
export function columnAt(x: number, columnWidth: number, columns: number): number {
	if (columns <= 0 || columnWidth <= 0) return 0;
	return Math.min(columns - 1, Math.max(0, Math.floor(x / columnWidth)));
}

/**
 * How many days a drag moves an item: the column under the pointer now minus the one it was grabbed at. Dragging
 * never changes the person (that would change who takes part, which is an edit, not a move).
 */
export function dragDelta(grabX: number, currentX: number, columnWidth: number, columns: number): number {
	return columnAt(currentX, columnWidth, columns) - columnAt(grabX, columnWidth, columns);
}

/** The window's columns that a day range covers, or null when it is outside. */
export function columnsOf(first: Day, count: number, from: Day, to: Day): [number, number] | null {
	const a = dayDiff(first, from);
	const b = dayDiff(first, to);
	if (b < 0 || a >= count) return null;
	return [Math.max(0, a), Math.min(count - 1, b)];
}
