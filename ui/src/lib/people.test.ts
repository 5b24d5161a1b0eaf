import { describe, expect, it } from 'vitest';
import type { PersonRow } from '$lib/bindings/PersonRow';
import {
	EMPTY_FILTER,
	filterPeople,
	matchesQuery,
	nextSort,
	normalize,
	queryPeople,
	sortPeople,
	teamsOf,
	type PeopleFilter
} from './people';

let nextId = 1;
function person(p: Partial<PersonRow> & { fullName: string }): PersonRow {
	const id = p.id ?? nextId++;
	return {
		id,
		email: `${normalize(p.fullName).replace(/[^a-z]+/g, '.')}@exemple.fr`,
		department: 'sales',
		team: '',
		siteId: null,
		siteName: null,
		managerId: null,
		managerName: null,
		active: true,
		anonymised: false,
		...p
	};
}

const helene = person({ fullName: 'Hélène Dupont', department: 'marketing', team: 'Études clients', siteId: 1, siteName: 'Paris' });
const benoit = person({ fullName: 'Benoît Lefèvre', team: 'Ventes Sud-Ouest', siteId: 2, siteName: 'Lyon', managerName: 'Hélène Dupont', managerId: helene.id });
const zoe = person({ fullName: 'Zoé Ménard', department: 'crc', team: 'Relation client', siteId: 2, siteName: 'Lyon' });
const adam = person({ fullName: 'adam Martin', department: 'other', email: 'a.martin@exemple.fr' });
const olivia = person({ fullName: 'Olivia Bœuf', team: 'Ventes Sud-Ouest', active: false, siteId: 1, siteName: 'Paris' });
const all = [helene, benoit, zoe, adam, olivia];

const f = (over: Partial<PeopleFilter>): PeopleFilter => ({ ...EMPTY_FILTER, ...over });
const names = (rows: PersonRow[]) => rows.map((r) => r.fullName);
const opts = { locale: 'fr-FR' };

describe('normalize', () => {
	it('strips accents, case and extra spaces', () => {
		expect(normalize('  Hélène   DUPONT '), 'search must ignore accents, case and spacing').toBe('helene dupont');
		expect(normalize('Œuvray Bœuf'), 'French ligatures must match their two-letter spelling').toBe('oeuvray boeuf');
	});
});

describe('search', () => {
	it('is accent-insensitive in both directions', () => {
		expect(names(filterPeople(all, f({ query: 'helene' }))), 'accented names must match unaccented searches').toEqual([
			'Hélène Dupont'
		]);
		expect(
			names(filterPeople([person({ fullName: 'Helene Sans Accent' })], f({ query: 'Hélène' }))),
			'an accented search must also find an unaccented name'
		).toEqual(['Helene Sans Accent']);
	});

	it('is case-insensitive', () => {
		expect(matchesQuery(benoit, 'BENOIT'), 'upper-case queries must match mixed-case names').toBe(true);
		expect(matchesQuery(adam, 'Adam'), 'capitalised queries must match lower-case names').toBe(true);
	});

	it('searches email and team, not only the name', () => {
		expect(names(filterPeople(all, f({ query: 'a.martin@' }))), 'people are found by email').toEqual(['adam Martin']);
		expect(names(filterPeople(all, f({ query: 'etudes' }))), 'people are found by team, accents ignored').toEqual([
			'Hélène Dupont'
		]);
	});

	it('requires every word to match', () => {
		expect(names(filterPeople(all, f({ query: 'sud benoit' }))), 'words may come from different fields').toEqual([
			'Benoît Lefèvre'
		]);
		expect(filterPeople(all, f({ query: 'sud zoe' })), 'all words must match the same person').toEqual([]);
	});

	it('treats an empty or blank query as no filter', () => {
		expect(filterPeople(all, f({ query: '   ' })).length, 'a blank search must not hide anyone active').toBe(4);
	});
});

describe('filters', () => {
	it('hides inactive people unless asked', () => {
		expect(names(filterPeople(all, f({}))), 'inactive people are hidden by default').not.toContain('Olivia Bœuf');
		expect(names(filterPeople(all, f({ showInactive: true }))), 'the toggle shows inactive people').toContain(
			'Olivia Bœuf'
		);
		expect(
			names(filterPeople(all, f({ showInactive: true, query: 'boeuf' }))),
			'search applies to inactive people too when they are shown'
		).toEqual(['Olivia Bœuf']);
	});

	it('filters by department', () => {
		expect(names(filterPeople(all, f({ department: 'crc' }))), 'only the chosen department is listed').toEqual([
			'Zoé Ménard'
		]);
	});

	it('filters by site, including people without a site', () => {
		expect(names(filterPeople(all, f({ site: 2 }))), 'only people of site 2 are listed').toEqual([
			'Benoît Lefèvre',
			'Zoé Ménard'
		]);
		expect(names(filterPeople(all, f({ site: 'none' }))), '"no site" lists people without a site').toEqual([
			'adam Martin'
		]);
	});

	it('combines filters with AND', () => {
		expect(
			names(filterPeople(all, f({ site: 2, department: 'sales', query: 'ouest' }))),
			'all criteria must hold at once'
		).toEqual(['Benoît Lefèvre']);
	});
});

describe('sort', () => {
	it('sorts names with the French collator, ignoring case and accents', () => {
		expect(
			names(sortPeople(all, { key: 'fullName', dir: 'asc' }, opts)),
			'lower-case and accented initials must sort with their letter, not after Z'
		).toEqual(['adam Martin', 'Benoît Lefèvre', 'Hélène Dupont', 'Olivia Bœuf', 'Zoé Ménard']);
	});

	it('reverses for descending order', () => {
		expect(
			names(sortPeople(all, { key: 'fullName', dir: 'desc' }, opts)),
			'descending must be the exact reverse for distinct names'
		).toEqual(['Zoé Ménard', 'Olivia Bœuf', 'Hélène Dupont', 'Benoît Lefèvre', 'adam Martin']);
	});

	it('puts empty values last in both directions', () => {
		const asc = names(sortPeople(all, { key: 'site', dir: 'asc' }, opts));
		const desc = names(sortPeople(all, { key: 'site', dir: 'desc' }, opts));
		expect(asc.at(-1), 'people without a site come last when ascending').toBe('adam Martin');
		expect(desc.at(-1), 'people without a site come last when descending too').toBe('adam Martin');
		expect(asc.slice(0, 2), 'ties on site are broken by name').toEqual(['Benoît Lefèvre', 'Zoé Ménard']);
	});

	it('sorts departments by their displayed label when given', () => {
		const label = (d: string) => ({ marketing: 'Marketing', sales: 'Ventes', crc: 'Relation client', other: 'Autre' })[d] ?? d;
		expect(
			sortPeople(all, { key: 'department', dir: 'asc' }, { ...opts, departmentLabel: label }).map((r) => r.department),
			'the order must follow what the user reads'
		).toEqual(['other', 'marketing', 'crc', 'sales', 'sales']);
	});

	it('lists active people first when sorting by status', () => {
		expect(
			sortPeople(all, { key: 'status', dir: 'asc' }, opts).at(-1)?.fullName,
			'inactive people come after active ones'
		).toBe('Olivia Bœuf');
	});

	it('does not mutate its input', () => {
		const copy = [...all];
		sortPeople(all, { key: 'email', dir: 'desc' }, opts);
		expect(all, 'the loaded list must stay as the server sent it').toEqual(copy);
	});

	it('toggles direction on the same column and resets on another', () => {
		expect(nextSort({ key: 'fullName', dir: 'asc' }, 'fullName'), 'second click flips to descending').toEqual({
			key: 'fullName',
			dir: 'desc'
		});
		expect(nextSort({ key: 'fullName', dir: 'desc' }, 'team'), 'a new column starts ascending').toEqual({
			key: 'team',
			dir: 'asc'
		});
	});
});

describe('scale', () => {
	it('handles 5,000 people quickly', () => {
		const many = Array.from({ length: 5000 }, (_, i) =>
			person({ fullName: `Personne ${i} Éloïse`, team: i % 2 ? 'Ventes' : 'Marketing', active: i % 10 !== 0 })
		);
		const start = performance.now();
		const sorted = queryPeople(many, f({}), { key: 'fullName', dir: 'asc' }, opts);
		const found = filterPeople(sorted, f({ query: 'eloise 4999' }));
		const elapsed = performance.now() - start;
		expect(sorted.length, 'inactive people (1 in 10) are hidden').toBe(4500);
		expect(names(found), 'search finds one person among 5,000').toEqual(['Personne 4999 Éloïse']);
		expect(elapsed, 'sorting and filtering 5,000 rows must stay interactive').toBeLessThan(1500);
	});
});

describe('teamsOf', () => {
	it('lists distinct non-empty teams in locale order', () => {
		expect(teamsOf(all, 'fr-FR'), 'the team datalist has each team once, sorted').toEqual([
			'Études clients',
			'Relation client',
			'Ventes Sud-Ouest'
		]);
	});
});
