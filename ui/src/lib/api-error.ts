import type { Department } from '$lib/bindings/Department';
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { FieldError } from '$lib/bindings/FieldError';
import type { Finding } from '$lib/bindings/Finding';
import type { IpcError } from '$lib/bindings/IpcError';
import { isErrorCode, isFieldCode } from './i18n/translate';

const DEPARTMENTS = ['marketing', 'sales', 'crc', 'other'] as const satisfies readonly Department[];

function isFieldError(value: unknown): value is FieldError {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return typeof v.field === 'string' && typeof v.code === 'string' && isFieldCode(v.code);
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

function isIpcErrorLike(value: unknown): value is { code: string } & Partial<Omit<IpcError, 'code'>> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Record<string, unknown>).code === 'string'
	);
}

/**
 * A failed command. Pages branch on `code` (and on `fields[].code`), typed by core's enums, never on `message`,
 * which is the server's English text, kept for logs.
 */
export class ApiError extends Error {
	readonly code: ErrorCode;
	readonly fields: FieldError[];
	/** Scheduling findings when `code` is `clash` or `needs_confirmation`. */
	readonly findings: Finding[];

	constructor(code: ErrorCode, message: string, fields: FieldError[] = [], findings: Finding[] = []) {
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

	/**
	 * Normalises whatever a rejected invoke() produced into an ApiError. Anything that is not an IpcError with a
	 * code of ours (a thrown Error, a string, a malformed value) is `internal`; field errors with a code that is not
	 * ours are dropped, since the UI could not say what they mean.
	 */
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
			return new ApiError(isErrorCode(reason.code) ? reason.code : 'internal', message, fields, findings);
		}
		if (typeof reason === 'string') return new ApiError('internal', reason);
		if (reason instanceof Error) return new ApiError('internal', reason.message);
		return new ApiError('internal', String(reason));
	}
}
