import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import type { Finding } from './bindings/Finding';
import { withConfirmation } from './reschedule';

const warning: Finding = {
	rule: 'host_capacity',
	severity: 'warning',
	message: '',
	people: [2],
	personNames: ['Noël Lefèvre'],
	dates: ['2027-01-12'],
	activities: [],
	activityTitles: [],
	limit: 1,
	department: null,
	reason: null
};
const error: Finding = { ...warning, rule: 'double_booking', severity: 'error' };

describe('move with confirmation', () => {
	it('saves at once when there is nothing to confirm', async () => {
		const attempt = vi.fn(async (confirm: boolean) => ({ confirm }));
		const ask = vi.fn();
		const result = await withConfirmation(attempt, ask);
		expect(result, 'the first attempt is enough').toEqual({ outcome: 'saved', value: { confirm: false }, confirmed: [] });
		expect(ask, 'nobody is asked anything').not.toHaveBeenCalled();
	});

	it('asks on needs_confirmation and retries with confirm = true', async () => {
		const attempt = vi.fn(async (confirm: boolean) => {
			if (!confirm) throw { code: 'needs_confirmation', message: 'x', fields: [], findings: [warning] };
			return 'moved';
		});
		const ask = vi.fn(async () => true);
		const result = await withConfirmation(attempt, ask);
		expect(ask, 'the user sees the warnings').toHaveBeenCalledWith([warning]);
		expect(attempt.mock.calls.map((c) => c[0]), 'tried without, then with confirmation').toEqual([false, true]);
		expect(result, 'the confirmed warnings are returned').toEqual({ outcome: 'saved', value: 'moved', confirmed: [warning] });
	});

	it('does nothing more when the user declines', async () => {
		const attempt = vi.fn(async () => {
			throw new ApiError('needs_confirmation', 'x', [], [warning]);
		});
		const result = await withConfirmation(attempt, async () => false);
		expect(result, 'declined: the caller reverts').toEqual({ outcome: 'declined', findings: [warning] });
		expect(attempt, 'no second attempt').toHaveBeenCalledTimes(1);
	});

	it('never retries a clash, and reports one that appears after confirming', async () => {
		const blocked = await withConfirmation(async () => {
			throw new ApiError('clash', 'x', [], [error]);
		}, vi.fn());
		expect(blocked, 'errors block: show them and revert').toEqual({ outcome: 'blocked', findings: [error] });
		let calls = 0;
		const raced = await withConfirmation(async () => {
			calls++;
			throw calls === 1 ? new ApiError('needs_confirmation', 'x', [], [warning]) : new ApiError('clash', 'x', [], [error]);
		}, async () => true);
		expect(raced, 'someone booked the person in between: now blocked').toEqual({ outcome: 'blocked', findings: [error] });
	});

	it('lets other errors through', async () => {
		await expect(
			withConfirmation(async () => {
				throw new ApiError('storage', 'disk');
			}, vi.fn()),
			'a storage error is not a scheduling outcome'
		).rejects.toMatchObject({ code: 'storage' });
	});
});
