import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

import { invoke } from '@tauri-apps/api/core';
import * as api from './api';
import { ApiError } from './api';

const invokeMock = vi.mocked(invoke);

beforeEach(() => {
	invokeMock.mockReset();
});

describe('scheduling commands', () => {
	it('send camelCase arguments under the names the Rust commands take', async () => {
		invokeMock.mockResolvedValue(null);
		await api.activityReschedule(4, 'a', 'b', true);
		expect(invokeMock, 'a drag sends id, start, end and confirm').toHaveBeenLastCalledWith('activity_reschedule', {
			id: 4,
			start: 'a',
			end: 'b',
			confirm: true
		});
		await api.participationRespond(4, 9, 'declined');
		expect(invokeMock, 'person_id is personId over IPC').toHaveBeenLastCalledWith('participation_respond', {
			id: 4,
			personId: 9,
			status: 'declined'
		});
		await api.briefRotaPreview(2, 8);
		expect(invokeMock, 'series_id is seriesId').toHaveBeenLastCalledWith('brief_rota_preview', { seriesId: 2, next: 8 });
		await api.absencesList('2027-01-01', '2027-01-31');
		expect(invokeMock, 'absences take a first and last day').toHaveBeenLastCalledWith('absences_list', {
			first: '2027-01-01',
			last: '2027-01-31'
		});
	});

	it('carry the findings of a clash or a confirmation request', async () => {
		invokeMock.mockRejectedValueOnce({
			code: 'needs_confirmation',
			message: 'the change needs confirmation',
			fields: [],
			findings: [
				{
					rule: 'host_capacity',
					severity: 'warning',
					message: 'm',
					people: [2],
					personNames: ['Noël'],
					dates: ['2027-01-12'],
					activities: [3],
					activityTitles: ['Vis ma vie'],
					limit: 1
				},
				{
					rule: 'mix_rule',
					severity: 'warning',
					message: 'm',
					people: [],
					personNames: [],
					dates: [],
					activities: [],
					activityTitles: [],
					limit: 30,
					department: 'sales',
					reason: null
				},
				{ rule: 'absence', severity: 'error', department: 'finance', reason: 'Congés' },
				{ nonsense: true }
			]
		});
		const e = (await api.activityReschedule(1, 'a', 'b', false).catch((x: unknown) => x)) as ApiError;
		expect(e, 'pages catch ApiError').toBeInstanceOf(ApiError);
		expect(e.code, 'the code is kept').toBe('needs_confirmation');
		expect(e.findings.map((f) => f.rule), 'malformed findings are dropped, good ones kept').toEqual([
			'host_capacity',
			'mix_rule',
			'absence'
		]);
		expect(e.findings[0]?.personNames, 'names come through for the message').toEqual(['Noël']);
		expect([e.findings[0]?.department, e.findings[0]?.reason], 'an older server without the fields gives nulls').toEqual([null, null]);
		expect(e.findings[1]?.department, 'the mix rule department comes through').toBe('sales');
		expect(
			[e.findings[2]?.department, e.findings[2]?.reason],
			'an unknown department is dropped, the reason kept'
		).toEqual([null, 'Congés']);
	});
});
