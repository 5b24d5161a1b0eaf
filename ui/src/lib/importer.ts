/**
 * Pure logic of the CSV import dialog: the column-mapping edits, which rows to show, error paging and
 * the department alias table's row errors. No Svelte, no IPC: importer.test.ts pins the behaviour.
 */
import type { Delimiter } from '$lib/bindings/Delimiter';
import type { Encoding } from '$lib/bindings/Encoding';
import type { FieldError } from '$lib/bindings/FieldError';
import type { ImportField } from '$lib/bindings/ImportField';
import type { ImportOptions } from '$lib/bindings/ImportOptions';
import type { ImportReport } from '$lib/bindings/ImportReport';
import type { RowPreview } from '$lib/bindings/RowPreview';

export const IMPORT_FIELDS: readonly ImportField[] = [
	'full_name',
	'first_name',
	'last_name',
	'email',
	'department',
	'team',
	'site',
	'manager',
	'active'
];
export const ENCODINGS: readonly Encoding[] = ['utf8_bom', 'utf8', 'windows1252'];
export const DELIMITERS: readonly Delimiter[] = ['semicolon', 'comma', 'tab'];

export const DEFAULT_OPTIONS: ImportOptions = {
	encoding: null,
	delimiter: null,
	mapping: null,
	strict: false,
	createMissing: false,
	deactivateMissing: false
};

/** The fields of the report's columns, in column order (null = ignored). */
export function mappingOf(report: ImportReport): (ImportField | null)[] {
	return report.mapping.map((m) => m.field);
}

/**
 * Gives column `index` the field `field`. A field feeds one column only, so a column that held it
 * before is set to "ignored" rather than left to clash.
 */
export function assignField(
	mapping: readonly (ImportField | null)[],
	index: number,
	field: ImportField | null
): (ImportField | null)[] {
	return mapping.map((current, i) => {
		if (i === index) return field;
		return field !== null && current === field ? null : current;
	});
}

/**
 * Options for a new preview after the user changed the encoding or the delimiter: the columns may
 * differ, so a hand-made mapping no longer applies.
 */
export function withReading(options: ImportOptions, change: Partial<Pick<ImportOptions, 'encoding' | 'delimiter'>>): ImportOptions {
	return { ...options, ...change, mapping: null };
}

/** Rows worth showing in the preview: creates and updates first by line; unchanged rows are only counted. */
export function changedRows(rows: readonly RowPreview[], limit: number): RowPreview[] {
	return rows.filter((r) => r.action !== 'unchanged').slice(0, limit);
}

/** Whether Import can be pressed: something to write, and not refused by strict mode. */
export function canImport(report: ImportReport, options: ImportOptions): boolean {
	if (options.strict && report.errors.length > 0) return false;
	const deactivations = options.deactivateMissing ? report.missingActive : 0;
	return report.created + report.updated + deactivations > 0;
}

/** Progress as a whole percentage (100 when there is nothing to do). */
export function percent(done: number, total: number): number {
	if (total <= 0) return 100;
	return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}

/** Row index → error code, from field errors named `aliases[3]` (first error per row wins). */
export function aliasRowErrors(fields: readonly FieldError[]): Map<number, FieldError> {
	const out = new Map<number, FieldError>();
	for (const f of fields) {
		const m = /^aliases\[(\d+)\]$/.exec(f.field);
		if (!m) continue;
		const row = Number(m[1]);
		if (!out.has(row)) out.set(row, f);
	}
	return out;
}

/** A default file name for the export, dated: `annuaire-2026-11-27.csv`. */
export function exportFileName(prefix: string, today: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${prefix}-${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}.csv`;
}
