/**
 * Where the app lands and what the window title says.
 *
 * Landing: a new database opens on the welcome; otherwise the page the user last used, remembered as a UI preference
 * in the webview's localStorage (per user and machine, not per database: it is how this person works, not a fact
 * about the organisation), and Planning for a manager who has not used one yet.
 *
 * Title: "<page> · Unisson", with "(démo)" / "(demo)" on the demo organisation, on every page, so the window list
 * and the task bar always say where the user is and never let the demo pass for real data.
 */
import type { MessageKey } from '$lib/i18n';

/** The pages of the sidebar, by route, with the key of their title. */
export const PAGE_TITLES: Readonly<Record<string, MessageKey>> = {
	calendar: 'calendar.title',
	planning: 'planning.title',
	people: 'people.title',
	trainings: 'trainings.title',
	briefs: 'briefs.title',
	reports: 'reports.title',
	objectives: 'objectives.title',
	debriefs: 'debriefs.title',
	settings: 'settings.title',
	welcome: 'welcome.title'
};

/** A new manager's first page once the organisation exists. */
export const DEFAULT_PAGE = '/planning';

/** The localStorage key of the last page used. */
export const LAST_PAGE_KEY = 'unisson.lastPage';

/** The minimal storage this module needs (localStorage in the app, a Map in tests). */
export interface PageStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

/** The route segment of a path ('/planning' → 'planning'), or null outside the known pages. */
export function routeOf(pathname: string): string | null {
	const segment = pathname.split('/').filter(Boolean)[0] ?? '';
	return segment in PAGE_TITLES ? segment : null;
}

/** Remembers a page as the last used; the welcome is not a place to come back to. */
export function rememberPage(storage: PageStore | null, pathname: string): void {
	const route = routeOf(pathname);
	if (!storage || !route || route === 'welcome') return;
	try {
		storage.setItem(LAST_PAGE_KEY, `/${route}`);
	} catch {
		// Storage full or disabled: landing falls back to Planning, nothing else depends on it.
	}
}

/** Where the app opens: the welcome on a new database, else the last page used, else Planning. */
export function landingPage(isNew: boolean, storage: PageStore | null): string {
	if (isNew) return '/welcome';
	let last: string | null = null;
	try {
		last = storage?.getItem(LAST_PAGE_KEY) ?? null;
	} catch {
		last = null;
	}
	const route = last ? routeOf(last) : null;
	return route && route !== 'welcome' ? `/${route}` : DEFAULT_PAGE;
}

/** The title key of the page at this path, or null (then the title is the app's name alone). */
export function pageTitleKey(pathname: string): MessageKey | null {
	const route = routeOf(pathname);
	return route ? (PAGE_TITLES[route] ?? null) : null;
}

/** The window title from the page name (already translated) and the demo label (null when not the demo). */
export function windowTitle(pageName: string | null, demoLabel: string | null): string {
	const base = pageName ? `${pageName} · Unisson` : 'Unisson';
	return demoLabel ? `${base} (${demoLabel})` : base;
}
