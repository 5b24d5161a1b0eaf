/**
 * Dev mock of the privacy commands (retention setting, erasure preview and erase, access export), with the rules of
 * `unisson_core::ops::privacy`: the pseudonym `Personne anonymisée #<id>`, a `.invalid` address, inactive, no
 * manager; an anonymised person cannot be erased again. Counts come from the scheduling mock's activities.
 */
import type { FieldCode } from '$lib/bindings/FieldCode';
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { AccessExport } from '$lib/bindings/AccessExport';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { ErasurePreview } from '$lib/bindings/ErasurePreview';
import type { IpcError } from '$lib/bindings/IpcError';
import type { Person } from '$lib/bindings/Person';
import type { Retention } from '$lib/bindings/Retention';

export interface PrivacyMockContext {
	/** The mock's own people (mutated in place by an erasure). */
	people: () => Person[];
	call: (cmd: string, args: Record<string, unknown>) => unknown;
}

let retention: Retention = { months: 24 };

function fail(code: ErrorCode, field: string, fieldCode: FieldCode, message: string): IpcError {
	return { code, message, fields: [{ field, code: fieldCode, message }], findings: [] };
}

function activities(ctx: PrivacyMockContext): ActivityRecord[] {
	const from = new Date(Date.now() - 5 * 365 * 86_400_000).toISOString();
	const to = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString();
	return ctx.call('activities_list', { query: { from, to, kind: null, personId: null } }) as ActivityRecord[];
}

function preview(ctx: PrivacyMockContext, p: Person): ErasurePreview {
	if (p.anonymisedAt !== null) throw fail('validation', 'id', 'anonymised', 'already anonymised');
	const mine = activities(ctx).flatMap((a) => a.participants.filter((x) => x.personId === p.id).map((x) => ({ a, x })));
	const future = mine.filter(({ a, x }) => Date.parse(a.start) > Date.now() && !['cancelled', 'done'].includes(a.status) && !['declined', 'cancelled', 'waitlisted'].includes(x.status));
	return {
		personId: p.id,
		fullName: p.fullName,
		email: p.email,
		pseudonym: `Personne anonymisée #${p.id}`,
		pseudonymousEmail: `anonymised-${p.id}@anonymised.invalid`,
		participations: mine.length,
		futureParticipationsCancelled: future.length,
		debriefs: 0,
		absences: 0,
		absenceReasonsCleared: 0,
		auditEntries: 2,
		inviteLogRows: 0,
		managerLinkCleared: p.managerId !== null,
		texts: [{ table: 'audit', rows: 2 }]
	};
}

/** Answers a privacy command, or `undefined` when `cmd` is not one. */
export function mockPrivacy(cmd: string, args: Record<string, unknown>, ctx: PrivacyMockContext): unknown {
	const person = () => {
		const p = ctx.people().find((x) => x.id === args.id);
		if (!p) throw { code: 'not_found', message: `person ${String(args.id)} not found`, fields: [], findings: [] } satisfies IpcError;
		return p;
	};
	switch (cmd) {
		case 'retention_get':
			return retention;
		case 'retention_update': {
			const next = args.retention as Retention;
			if (next.months !== null && next.months < 1) throw fail('validation', 'months', 'too_small', 'at least 1 month');
			if (next.months !== null && next.months > 600) throw fail('validation', 'months', 'too_large', 'at most 600 months');
			retention = { months: next.months };
			return retention;
		}
		case 'person_erasure_preview':
			return preview(ctx, person());
		case 'person_erase': {
			const p = person();
			const done = preview(ctx, p);
			Object.assign(p, {
				fullName: done.pseudonym,
				email: done.pseudonymousEmail,
				managerId: null,
				active: false,
				anonymisedAt: new Date().toISOString(),
				updatedAt: new Date().toISOString()
			});
			return done;
		}
		case 'person_export_access': {
			const p = person();
			const n = activities(ctx).filter((a) => a.participants.some((x) => x.personId === p.id)).length;
			return {
				personId: p.id,
				dir: String(args.outDir),
				files: [
					{ name: 'access.json', records: 1 },
					{ name: 'profile.csv', records: 11 },
					{ name: 'participations.csv', records: n },
					{ name: 'debriefs.csv', records: 0 },
					{ name: 'absences.csv', records: 0 },
					{ name: 'audit.csv', records: 2 },
					{ name: 'invites.csv', records: 0 }
				]
			} satisfies AccessExport;
		}
		default:
			return undefined;
	}
}
