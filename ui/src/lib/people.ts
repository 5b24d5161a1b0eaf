/**
 * People list logic as pure functions: search, filters and sort. No Svelte, no IPC:
 * the page derives its visible rows from these, and people.test.ts pins their behaviour.
 */
import type { Department } from '$lib/bindings/Department';
import type { PersonRow } from '$lib/bindings/PersonRow';

export const DEPARTMENTS: readonly Department[] = ['marketing', 'sales', 'crc', 'other'];

export type SortKey = 'fullName' | 'email' | 'department' | 'team' | 'site' | 'manager' | 'status';
export type SortDir = 'asc' | 'desc';
export interface SortSpec {
	key: SortKey;
	dir: SortDir;
}

/** '' = any site, 'none' = people without a site, a number = that site id. */
export type SiteFilter = number | 'none' | '';

export interface PeopleFilter {
	query: string;
	department: Department | '';
	site: SiteFilter;
	showInactive: boolean;
}

export const EMPTY_FILTER: PeopleFilter = { query: '', department: '', site: '', showInactive: false };

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

/** Lower-case, accents stripped, ligatures expanded, whitespace collapsed: "Hélène  Œuvray" → "helene oeuvray". */
export function normalize(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[œæßøłđ]/g, (c) => LIGATURES[c] ?? c)
		.replace(/\s+/g, ' ')
		.trim();
}

// Rows are replaced (not mutated) when the list reloads, so a WeakMap cache is always fresh.
const searchKeys = new WeakMap<PersonRow, string>();

function searchKey(row: PersonRow): string {
	let key = searchKeys.get(row);
	if (key === undefined) {
		key = normalize(`${row.fullName}\n${row.email}\n${row.team}`);
		searchKeys.set(row, key);
	}
	return key;
}

/** Precomputes the search keys (e.g. right after loading) so the first keystroke is not slower. */
export function warmSearchIndex(rows: readonly PersonRow[]): void {
	for (const row of rows) searchKey(row);
}

/** Every word of the query must occur in the name, email or team (accent- and case-insensitive). */
export function matchesQuery(row: PersonRow, query: string): boolean {
	const tokens = normalize(query).split(' ').filter(Boolean);
	if (tokens.length === 0) return true;
	const key = searchKey(row);
	return tokens.every((token) => key.includes(token));
}

export function filterPeople(rows: readonly PersonRow[], filter: PeopleFilter): PersonRow[] {
	const tokens = normalize(filter.query).split(' ').filter(Boolean);
	return rows.filter((row) => {
		if (!filter.showInactive && !row.active) return false;
		if (filter.department !== '' && row.department !== filter.department) return false;
		if (filter.site === 'none' && row.siteId !== null) return false;
		if (typeof filter.site === 'number' && row.siteId !== filter.site) return false;
		if (tokens.length === 0) return true;
		const key = searchKey(row);
		return tokens.every((token) => key.includes(token));
	});
}

export interface SortOptions {
	/** BCP 47 tag for the collator (e.g. "fr-FR"). */
	locale: string;
	/** Department label as displayed, so that the sort follows what the user reads. */
	departmentLabel?: (department: Department) => string;
}

function sortValue(row: PersonRow, key: SortKey, options: SortOptions): string | null {
	switch (key) {
		case 'fullName':
			return row.fullName;
		case 'email':
			return row.email;
		case 'department':
			return options.departmentLabel ? options.departmentLabel(row.department) : row.department;
		case 'team':
			return row.team.trim() === '' ? null : row.team;
		case 'site':
			return row.siteName;
		case 'manager':
			return row.managerName;
		case 'status':
			return row.active ? '0' : '1';
	}
}

/**
 * Returns a new sorted array. Empty values (no site, no manager, no team) always go last,
 * whatever the direction; ties are broken by name then id so the order is stable.
 */
export function sortPeople(rows: readonly PersonRow[], sort: SortSpec, options: SortOptions): PersonRow[] {
	const collator = new Intl.Collator(options.locale, { sensitivity: 'base', numeric: true });
	const sign = sort.dir === 'asc' ? 1 : -1;
	const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.key, options) }));
	keyed.sort((a, b) => {
		if (a.value === null || b.value === null) {
			if (a.value !== b.value) return a.value === null ? 1 : -1;
		} else {
			const c = collator.compare(a.value, b.value);
			if (c !== 0) return sign * c;
		}
		const byName = collator.compare(a.row.fullName, b.row.fullName);
		return byName !== 0 ? byName : a.row.id - b.row.id;
	});
	return keyed.map((k) => k.row);
}

export function queryPeople(
	rows: readonly PersonRow[],
	filter: PeopleFilter,
	sort: SortSpec,
	options: SortOptions
): PersonRow[] {
	return sortPeople(filterPeople(rows, filter), sort, options);
}

/** Clicking the current sort column flips its direction; another column starts ascending. */
export function nextSort(current: SortSpec, key: SortKey): SortSpec {
	if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
	return { key, dir: 'asc' };
}

/** Distinct non-empty team names, sorted for the locale (for the team datalist). */
export function teamsOf(rows: readonly PersonRow[], locale: string): string[] {
	const teams = new Set<string>();
	for (const row of rows) {
		const team = row.team.trim();
		if (team) teams.add(team);
	}
	return [...teams].sort(new Intl.Collator(locale, { sensitivity: 'base' }).compare);
}

export function isFiltered(filter: PeopleFilter): boolean {
	return filter.query.trim() !== '' || filter.department !== '' || filter.site !== '';
}
