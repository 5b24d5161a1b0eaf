/**
 * The one path every move and save takes through the clash check: try without confirming; when the server answers
 * `needs_confirmation`, show the warnings and ask; on yes, try again with `confirm = true`. A `clash` (errors) is
 * never retried: the caller shows the blocking findings and reverts.
 */
import type { Finding } from '$lib/bindings/Finding';
import { ApiError } from './api-error';

export type CheckedOutcome<T> =
	| { outcome: 'saved'; value: T; confirmed: Finding[] }
	| { outcome: 'declined'; findings: Finding[] }
	| { outcome: 'blocked'; findings: Finding[] };

/**
 * Runs `attempt(false)`; on `needs_confirmation` asks `confirm(findings)` and, if accepted, runs `attempt(true)`.
 * Other errors propagate.
 */
export async function withConfirmation<T>(
	attempt: (confirm: boolean) => Promise<T>,
	confirm: (findings: Finding[]) => Promise<boolean>
): Promise<CheckedOutcome<T>> {
	try {
		return { outcome: 'saved', value: await attempt(false), confirmed: [] };
	} catch (reason) {
		const e = ApiError.from(reason);
		if (e.code === 'clash') return { outcome: 'blocked', findings: e.findings };
		if (e.code !== 'needs_confirmation') throw e;
		const findings = e.findings;
		if (!(await confirm(findings))) return { outcome: 'declined', findings };
		try {
			return { outcome: 'saved', value: await attempt(true), confirmed: findings };
		} catch (again) {
			const e2 = ApiError.from(again);
			// Someone else changed the plan in between: now it is blocked.
			if (e2.code === 'clash') return { outcome: 'blocked', findings: e2.findings };
			throw e2;
		}
	}
}
