import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE, LAST_PAGE_KEY, landingPage, pageTitleKey, rememberPage, windowTitle } from './navigation';

function memory(initial: Record<string, string> = {}) {
	const map = new Map(Object.entries(initial));
	return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('landingPage', () => {
	it('opens a new database on the welcome, whatever was used before', () => {
		expect(landingPage(true, memory({ [LAST_PAGE_KEY]: '/reports' })), 'a new database must show the welcome').toBe(
			'/welcome'
		);
	});
	it('opens on Planning for a manager who has not used a page yet', () => {
		expect(landingPage(false, memory()), 'Planning is where a manager works, not People').toBe('/planning');
		expect(DEFAULT_PAGE).toBe('/planning');
		expect(landingPage(false, null), 'no storage at all still lands on Planning').toBe('/planning');
	});
	it('opens on the page last used', () => {
		const storage = memory();
		rememberPage(storage, '/debriefs');
		expect(landingPage(false, storage), 'the last page used must be where the app reopens').toBe('/debriefs');
	});
	it('ignores a stored value that is not a page, and never lands back on the welcome', () => {
		expect(landingPage(false, memory({ [LAST_PAGE_KEY]: '/nowhere' })), 'an unknown page falls back').toBe(
			'/planning'
		);
		expect(landingPage(false, memory({ [LAST_PAGE_KEY]: '/welcome' })), 'the welcome is for new databases').toBe(
			'/planning'
		);
	});
	it('survives a storage that throws', () => {
		const broken = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('denied');
			}
		};
		expect(() => rememberPage(broken, '/people'), 'a full or disabled storage must not break navigation').not.toThrow();
		expect(landingPage(false, broken), 'an unreadable storage lands on Planning').toBe('/planning');
	});
});

describe('rememberPage', () => {
	it('does not remember the welcome or unknown paths', () => {
		const storage = memory();
		rememberPage(storage, '/welcome');
		rememberPage(storage, '/elsewhere');
		expect(storage.map.size, 'only real pages are remembered').toBe(0);
		rememberPage(storage, '/planning/');
		expect(storage.map.get(LAST_PAGE_KEY), 'a trailing slash is the same page').toBe('/planning');
	});
});

describe('window title', () => {
	it('names the page on every page of the sidebar', () => {
		for (const path of ['/objectives', '/debriefs', '/reports', '/planning', '/calendar', '/welcome']) {
			expect(pageTitleKey(path), `${path} must have its own title, not keep the previous page's`).not.toBeNull();
		}
		expect(pageTitleKey('/'), 'the root has no page name').toBeNull();
	});
	it('marks the demo', () => {
		expect(windowTitle('Planification', 'démo'), 'the demo must never pass for real data').toBe(
			'Planification · Unisson (démo)'
		);
		expect(windowTitle('Planning', null), 'a real database has no label').toBe('Planning · Unisson');
		expect(windowTitle(null, null)).toBe('Unisson');
	});
});
