/**
 * The only module that talks to the Rust side. One typed function per Tauri command;
 * a rejected invoke() is rethrown as an ApiError (see api-error.ts).
 */
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { AppInfo } from '$lib/bindings/AppInfo';
import type { Person } from '$lib/bindings/Person';
import type { PersonInput } from '$lib/bindings/PersonInput';
import type { PersonRow } from '$lib/bindings/PersonRow';
import type { Settings } from '$lib/bindings/Settings';
import type { Site } from '$lib/bindings/Site';
import type { SiteInput } from '$lib/bindings/SiteInput';
import type { SiteRow } from '$lib/bindings/SiteRow';
import { ApiError } from './api-error';

export { ApiError } from './api-error';

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
	try {
		return await invoke<T>(command, args);
	} catch (reason) {
		throw ApiError.from(reason);
	}
}

// People
export async function peopleList(): Promise<PersonRow[]> {
	return call<PersonRow[]>('people_list');
}
export async function personAdd(input: PersonInput): Promise<Person> {
	return call<Person>('person_add', { input });
}
export async function personUpdate(id: number, input: PersonInput): Promise<Person> {
	return call<Person>('person_update', { id, input });
}
export async function personSetActive(id: number, active: boolean): Promise<Person> {
	return call<Person>('person_set_active', { id, active });
}

// Sites
export async function sitesList(): Promise<SiteRow[]> {
	return call<SiteRow[]>('sites_list');
}
export async function siteAdd(input: SiteInput): Promise<Site> {
	return call<Site>('site_add', { input });
}
export async function siteUpdate(id: number, input: SiteInput): Promise<Site> {
	return call<Site>('site_update', { id, input });
}
export async function siteDelete(id: number): Promise<null> {
	return call<null>('site_delete', { id });
}

// Settings and app
export async function settingsGet(): Promise<Settings> {
	return call<Settings>('settings_get');
}
export async function settingsUpdate(settings: Settings): Promise<Settings> {
	return call<Settings>('settings_update', { settings });
}
export async function timezonesList(): Promise<string[]> {
	return call<string[]>('timezones_list');
}
export async function appInfo(): Promise<AppInfo> {
	return call<AppInfo>('app_info');
}
