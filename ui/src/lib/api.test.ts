import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

import { invoke } from '@tauri-apps/api/core';
import * as api from './api';
import { ApiError } from './api';
import type { PersonInput } from './bindings/PersonInput';

const invokeMock = vi.mocked(invoke);

const input: PersonInput = {
	fullName: 'Hélène Dupont',
	email: 'helene@exemple.fr',
	department: 'marketing',
	team: 'Études clients',
	siteId: null,
	managerId: null,
	active: true
};

beforeEach(() => {
	invokeMock.mockReset();
});

describe('api', () => {
	it('calls the snake_case command with camelCase arguments', async () => {
		invokeMock.mockResolvedValueOnce({ id: 7 });
		await api.personUpdate(7, input);
		expect(invokeMock, 'Tauri matches commands by name and args by camelCase key').toHaveBeenCalledWith(
			'person_update',
			{ id: 7, input }
		);
		invokeMock.mockResolvedValueOnce(null);
		await api.siteDelete(3);
		expect(invokeMock, 'site_delete takes { id }').toHaveBeenLastCalledWith('site_delete', { id: 3 });
		invokeMock.mockResolvedValueOnce([]);
		await api.peopleList();
		expect(invokeMock, 'list commands take no arguments').toHaveBeenLastCalledWith('people_list', undefined);
	});

	it('returns the resolved value unchanged', async () => {
		const settings = { organizerName: 'C', organizerEmail: 'c@x.fr', defaultTimezone: 'Europe/Paris', language: null };
		invokeMock.mockResolvedValueOnce(settings);
		expect(await api.settingsUpdate(settings), 'successful commands pass their result through').toEqual(settings);
		expect(invokeMock, 'settings are sent under the settings key').toHaveBeenLastCalledWith('settings_update', {
			settings
		});
	});

	it('turns a rejected IpcError into an ApiError with code, message and fields', async () => {
		const ipcError = {
			code: 'validation',
			message: 'validation failed',
			fields: [{ field: 'email', code: 'duplicate_email', message: 'email already used' }]
		};
		invokeMock.mockRejectedValueOnce(ipcError);
		const error = await api.personAdd(input).catch((e: unknown) => e);
		expect(error, 'pages catch ApiError, not raw objects').toBeInstanceOf(ApiError);
		const e = error as ApiError;
		expect(e.code, 'pages branch on the code').toBe('validation');
		expect(e.message, 'the server message is kept for unknown codes').toBe('validation failed');
		expect(e.fields, 'field errors are kept so the form can show them inline').toEqual(ipcError.fields);
		expect(e.field('email')?.code, 'field() finds the error of one field').toBe('duplicate_email');
	});

	it('turns non-IpcError rejections into an internal ApiError', async () => {
		invokeMock.mockRejectedValueOnce('command people_list not found');
		const fromString = await api.peopleList().catch((e: unknown) => e);
		expect(fromString, 'a string rejection still becomes an ApiError').toBeInstanceOf(ApiError);
		expect((fromString as ApiError).code, 'unknown failures are internal').toBe('internal');
		expect((fromString as ApiError).message, 'the original text is kept for the log').toBe(
			'command people_list not found'
		);

		invokeMock.mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'invoke')"));
		const fromError = await api.appInfo().catch((e: unknown) => e);
		expect((fromError as ApiError).code, 'running outside Tauri is reported as internal').toBe('internal');
		expect((fromError as ApiError).fields, 'no field errors are invented').toEqual([]);
	});

	it('ignores malformed field entries', async () => {
		invokeMock.mockRejectedValueOnce({ code: 'validation', message: 'x', fields: [{ nope: 1 }, { field: 'name', code: 'required' }] });
		const e = (await api.siteAdd({ name: '', timezone: 'Europe/Paris', seats: 1, isCrc: false }).catch(
			(err: unknown) => err
		)) as ApiError;
		expect(e.fields, 'only well-formed field errors are kept, with a string message').toEqual([
			{ field: 'name', code: 'required', message: '' }
		]);
	});
});
