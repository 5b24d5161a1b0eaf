import { describe, expect, it } from 'vitest';
import type { ImportReport } from '$lib/bindings/ImportReport';
import {
	DEFAULT_OPTIONS,
	aliasRowErrors,
	assignField,
	canImport,
	changedRows,
	exportFileName,
	percent,
	withReading
} from './importer';

function report(p: Partial<ImportReport> = {}): ImportReport {
	return {
		encoding: 'utf8',
		delimiter: 'semicolon',
		headerLine: 1,
		mapping: [],
		totalRows: 0,
		created: 0,
		updated: 0,
		unchanged: 0,
		deactivated: 0,
		missingActive: 0,
		invalidRows: 0,
		errors: [],
		unknownSites: [],
		unknownTeams: [],
		sitesCreated: 0,
		rows: [],
		applied: false,
		importId: null,
		...p
	};
}

describe('assignField', () => {
	it('moves a field to the chosen column, so one field never feeds two columns', () => {
		expect(assignField(['email', 'full_name', null], 2, 'email')).toEqual([null, 'full_name', 'email']);
	});
	it('ignoring a column leaves the others alone', () => {
		expect(assignField(['email', 'full_name'], 1, null)).toEqual(['email', null]);
	});
});

describe('withReading', () => {
	it('drops a hand-made mapping when the encoding or delimiter changes, as the columns may differ', () => {
		const options = { ...DEFAULT_OPTIONS, mapping: ['email' as const], strict: true };
		expect(withReading(options, { delimiter: 'comma' })).toEqual({
			...DEFAULT_OPTIONS,
			strict: true,
			delimiter: 'comma',
			mapping: null
		});
	});
});

describe('canImport', () => {
	it('needs something to write', () => {
		expect(canImport(report({ unchanged: 5 }), DEFAULT_OPTIONS)).toBe(false);
		expect(canImport(report({ created: 1 }), DEFAULT_OPTIONS)).toBe(true);
	});
	it('counts deactivations only when asked for', () => {
		const r = report({ missingActive: 3 });
		expect(canImport(r, DEFAULT_OPTIONS)).toBe(false);
		expect(canImport(r, { ...DEFAULT_OPTIONS, deactivateMissing: true })).toBe(true);
	});
	it('is refused in strict mode when the file has errors', () => {
		const r = report({
			created: 4,
			errors: [{ line: 3, field: 'email', code: 'invalid_email', value: 'x', message: 'bad' }]
		});
		expect(canImport(r, DEFAULT_OPTIONS)).toBe(true);
		expect(canImport(r, { ...DEFAULT_OPTIONS, strict: true })).toBe(false);
	});
});

describe('changedRows', () => {
	it('shows creates and updates, never unchanged rows, up to the limit', () => {
		const rows = [
			{ line: 2, fullName: 'A', email: 'a@x.fr', action: 'unchanged' as const, changed: [] },
			{ line: 3, fullName: 'B', email: 'b@x.fr', action: 'create' as const, changed: [] },
			{ line: 4, fullName: 'C', email: 'c@x.fr', action: 'update' as const, changed: ['team' as const] },
			{ line: 5, fullName: 'D', email: 'd@x.fr', action: 'create' as const, changed: [] }
		];
		expect(changedRows(rows, 2).map((r) => r.line)).toEqual([3, 4]);
	});
});

describe('percent', () => {
	it('rounds and clamps, and an empty job is complete', () => {
		expect(percent(1, 3)).toBe(33);
		expect(percent(7, 5)).toBe(100);
		expect(percent(0, 0)).toBe(100);
	});
});

describe('aliasRowErrors', () => {
	it('maps aliases[n] field errors to their row, first error wins', () => {
		const errors = aliasRowErrors([
			{ field: 'aliases[2]', code: 'duplicate_alias', message: 'dup' },
			{ field: 'aliases[2]', code: 'required', message: 'req' },
			{ field: 'other', code: 'invalid', message: 'x' }
		]);
		expect([...errors.entries()].map(([row, e]) => [row, e.code])).toEqual([[2, 'duplicate_alias']]);
	});
});

describe('exportFileName', () => {
	it('dates the file so successive exports do not overwrite each other', () => {
		expect(exportFileName('annuaire', new Date(2026, 10, 7))).toBe('annuaire-2026-11-07.csv');
	});
});
