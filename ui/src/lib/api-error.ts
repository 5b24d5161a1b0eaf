import type { Department } from '$lib/bindings/Department';
import type { FieldError } from '$lib/bindings/FieldError';
import type { Finding } from '$lib/bindings/Finding';
import type { IpcError } from '$lib/bindings/IpcError';

const DEPARTMENTS = ['marketing', 'sales', 'crc', 'other'] as const satisfies readonly Department[];

/** Top-level error codes the Rust side may return (IpcError.code). */
export const ERROR_CODES = [
	'validation',
	'not_found',
	'site_in_use',
	'storage',
	'internal',
	'io',
	'too_new',
	'clash',
	'needs_confirmation',
	'invalid_ics'
] as const;
/** Field-level error codes (FieldError.code). */
export const FIELD_ERROR_CODES = [
	'required',
	'invalid_email',
	'duplicate_email',
	'too_long',
	'too_many_days',
	'unknown_timezone',
	'negative',
	'unknown_site',
	'unknown_manager',
	'self_manager',
	'manager_cycle',
	'duplicate_name',
	'duplicate_alias',
	'already_undone',
	'changed_since',
	'invalid_direction',
	'duplicate_participant',
	'unknown_person',
	'end_before_start',
	'out_of_range',
	'invalid_transition',
	'nothing_to_undo',
	'not_yet',
	'invalid_mark',
	'immutable',
	'too_small',
	'not_empty',
	'invalid_range',
	'organizer_missing',
	'no_attendees',
	'reason_required',
	'anonymised',
	'too_large'
] as const;

function isFieldError(value: unknown): value is FieldError {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return typeof v.field === 'string' && typeof v.code === 'string';
}

function isFinding(value: unknown): value is Finding {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return typeof v.rule === 'string' && typeof v.severity === 'string';
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'number') : []);

function cleanFinding(f: Finding): Finding {
	return {
		rule: f.rule,
		severity: f.severity === 'error' ? 'error' : 'warning',
		message: typeof f.message === 'string' ? f.message : '',
		people: numbers(f.people),
		personNames: strings(f.personNames),
		dates: strings(f.dates),
		activities: numbers(f.activities),
		activityTitles: strings(f.activityTitles),
		limit: typeof f.limit === 'number' ? f.limit : null,
		department: typeof f.department === 'string' && (DEPARTMENTS as readonly string[]).includes(f.department) ? f.department : null,
		reason: typeof f.reason === 'string' ? f.reason : null
	};
}

function isIpcErrorLike(value: unknown): value is Pick<IpcError, 'code'> & Partial<IpcError> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Record<string, unknown>).code === 'string'
	);
}

/**
 * A failed command. Pages branch on `code` (and on `fields[].code`), never on `message`,
 * which is the server's English text and is only shown for codes the UI does not know.
 */
export class ApiError extends Error {
	readonly code: string;
	readonly fields: FieldError[];
	/** Scheduling findings when `code` is `clash` or `needs_confirmation`. */
	readonly findings: Finding[];

	constructor(code: string, message: string, fields: FieldError[] = [], findings: Finding[] = []) {
		super(message);
		this.name = 'ApiError';
		this.code = code;
		this.fields = fields;
		this.findings = findings;
	}

	/** The first error for `field`, if any. */
	field(field: string): FieldError | undefined {
		return this.fields.find((f) => f.field === field);
	}

	/** Normalises whatever a rejected invoke() produced into an ApiError. */
	static from(reason: unknown): ApiError {
		if (reason instanceof ApiError) return reason;
		if (isIpcErrorLike(reason)) {
			const fields = Array.isArray(reason.fields)
				? reason.fields.filter(isFieldError).map((f) => ({
						field: f.field,
						code: f.code,
						message: typeof f.message === 'string' ? f.message : ''
					}))
				: [];
			const findings = Array.isArray(reason.findings) ? reason.findings.filter(isFinding).map(cleanFinding) : [];
			const message = typeof reason.message === 'string' ? reason.message : reason.code;
			return new ApiError(reason.code, message, fields, findings);
		}
		if (typeof reason === 'string') return new ApiError('internal', reason);
		if (reason instanceof Error) return new ApiError('internal', reason.message);
		return new ApiError('internal', String(reason));
	}
}
