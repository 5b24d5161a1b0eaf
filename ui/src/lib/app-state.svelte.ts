/**
 * Application-wide state: the saved settings and the app info, loaded once by the root layout.
 * The UI language follows Settings.language, or the system locale when it is null.
 */
import { setFixedNow } from '$lib/clock';
import type { AppInfo } from '$lib/bindings/AppInfo';
import type { DatabaseStatus } from '$lib/bindings/DatabaseStatus';
import type { Language } from '$lib/bindings/Language';
import type { Settings } from '$lib/bindings/Settings';
import * as api from '$lib/api';
import { resolveLocale, setLocale } from '$lib/i18n';

export const appState = $state<{
	settings: Settings | null;
	info: AppInfo | null;
	/** The open database: new (welcome), demo (labelled everywhere), how far it is set up. */
	database: DatabaseStatus | null;
	ready: boolean;
}>({ settings: null, info: null, database: null, ready: false });

function navigatorLanguage(): string | null {
	return typeof navigator !== 'undefined' ? navigator.language : null;
}

/** The locale tag "System" stands for (shown next to the System choice). */
export function systemLocaleTag(): string {
	return appState.info?.systemLocale || navigatorLanguage() || 'en';
}

export function applyLanguage(language: Language | null): void {
	setLocale(resolveLocale(language, appState.info?.systemLocale ?? null, navigatorLanguage()));
}

export async function initApp(): Promise<void> {
	const [settings, info, database] = await Promise.allSettled([
		api.settingsGet(),
		api.appInfo(),
		api.databaseStatus()
	]);
	if (database.status === 'fulfilled') appState.database = database.value;
	if (info.status === 'fulfilled') {
		appState.info = info.value;
		setFixedNow(info.value.fixedNow);
	}
	if (settings.status === 'fulfilled') appState.settings = settings.value;
	applyLanguage(appState.settings?.language ?? null);
	appState.ready = true;
}

export function setSettings(settings: Settings): void {
	appState.settings = settings;
	applyLanguage(settings.language);
}

/** Reads the database status again (after a setup step on the welcome). */
export async function refreshDatabaseStatus(): Promise<void> {
	appState.database = await api.databaseStatus();
}
