import type { FieldError } from '$lib/bindings/FieldError';
import type { IpcError } from '$lib/bindings/IpcError';

/** Top-level error codes the Rust side may return (IpcError.code). */
export const ERROR_CODES = ['validation', 'not_found', 'site_in_use', 'storage', 'internal'] as const;
/** Field-level error codes (FieldError.code). */
export const FIELD_ERROR_CODES = [
	'required',
	'invalid_email',
	'duplicate_email',
	'too_long',
	'unknown_timezone',
	'negative',
	'unknown_site',
	'unknown_manager',
	'self_manager',
	'manager_cycle',
	'duplicate_name',
	'duplicate_alias',
	'already_undone',
	'changed_since'
] as const;

function isFieldError(value: unknown): value is FieldError {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return typeof v.field === 'string' && typeof v.code === 'string';
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

	constructor(code: string, message: string, fields: FieldError[] = []) {
		super(message);
		this.name = 'ApiError';
		this.code = code;
		this.fields = fields;
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
			const message = typeof reason.message === 'string' ? reason.message : reason.code;
			return new ApiError(reason.code, message, fields);
		}
		if (typeof reason === 'string') return new ApiError('internal', reason);
		if (reason instanceof Error) return new ApiError('internal', reason.message);
		return new ApiError('internal', String(reason));
	}
}
