/**
 * Dev-only mock of the CSV import/export commands and the file dialogs, for `npm run dev:mock`. It
 * previews a fixed, realistic French HR file (Windows-1252, `;`) with a few problems, so every part of
 * the import dialog can be seen without the Rust side. The Rust core remains the reference.
 */
import type { DepartmentAlias } from '$lib/bindings/DepartmentAlias';
import type { ImportIssue } from '$lib/bindings/ImportIssue';
import type { ImportOptions } from '$lib/bindings/ImportOptions';
import type { ImportProgress } from '$lib/bindings/ImportProgress';
import type { ImportReport } from '$lib/bindings/ImportReport';
import type { PersonInput } from '$lib/bindings/PersonInput';
import type { UndoReport } from '$lib/bindings/UndoReport';

type Args = Record<string, unknown>;

const HEADERS = ['Nom', 'Prénom', 'E-mail', 'Service', 'Équipe', 'Établissement', 'Responsable', 'Actif', 'Matricule'];
const GUESS = ['last_name', 'first_name', 'email', 'department', 'team', 'site', 'manager', 'active', null] as const;

const NEW_PEOPLE: PersonInput[] = [
	['Cœur', 'Zoé', 'zoe.coeur@exemple.fr', 'marketing', 'Études clients'],
	['Nguyen', 'Anaïs', 'anais.nguyen@exemple.fr', 'crc', 'Relation client Lyon'],
	['Bérard', 'François', 'francois.berard@exemple.fr', 'sales', 'Ventes Sud-Ouest']
].map(([last, first, email, department, team]) => ({
	fullName: `${first} ${last}`,
	email: email as string,
	department: department as PersonInput['department'],
	team: team as string,
	siteId: 1,
	managerId: null,
	active: true
}));

let aliases: DepartmentAlias[] = [
	{ alias: 'Mktg', department: 'marketing' },
	{ alias: 'Ventes', department: 'sales' },
	{ alias: 'Commercial', department: 'sales' },
	{ alias: 'Relation client', department: 'crc' },
	{ alias: 'Service client', department: 'crc' }
];
let imports = 0;

function preview(options: ImportOptions): ImportReport {
	const errors: ImportIssue[] = [
		{ line: 7, field: 'email', code: 'invalid_email', value: 'jean.martin@exemple', message: 'not a valid email' },
		{ line: 9, field: 'department', code: 'unknown_department', value: 'Logistique', message: 'not in the table' },
		{ line: 12, field: 'manager', code: 'manager_cycle', value: 'paul.roux@exemple.fr', message: 'loop' },
		{ line: 13, field: 'manager', code: 'manager_cycle', value: 'lea.blanc@exemple.fr', message: 'loop' }
	];
	if (!options.createMissing) {
		errors.push({ line: 15, field: 'site', code: 'unknown_site', value: 'Agence Nantes', message: 'no such site' });
		errors.sort((a, b) => a.line - b.line);
	}
	return {
		encoding: options.encoding ?? 'windows1252',
		delimiter: options.delimiter ?? 'semicolon',
		headerLine: 1,
		mapping: HEADERS.map((header, index) => ({
			index,
			header,
			field: options.mapping ? (options.mapping[index] ?? null) : (GUESS[index] ?? null)
		})),
		totalRows: 16,
		created: NEW_PEOPLE.length + (options.createMissing ? 1 : 0),
		updated: 2,
		unchanged: 6,
		deactivated: 0,
		missingActive: 3,
		invalidRows: options.createMissing ? 4 : 5,
		errors,
		unknownSites: ['Agence Nantes'],
		unknownTeams: [],
		sitesCreated: 0,
		rows: [
			...NEW_PEOPLE.map((p, i) => ({ line: 2 + i, fullName: p.fullName, email: p.email, action: 'create' as const, changed: [] })),
			{ line: 5, fullName: 'Jérôme Lefèvre', email: 'jerome.lefevre@exemple.fr', action: 'update', changed: ['team', 'manager'] },
			{ line: 6, fullName: 'Hélène Dupré', email: 'helene.dupre@exemple.fr', action: 'update', changed: ['site'] }
		],
		applied: false,
		importId: null
	};
}

interface DialogOptions {
	directory?: boolean;
	filters?: { extensions: string[] }[];
}
let icsPicks = 0;
let folderPicks = 0;
/** The path the open dialog "chooses": a CSV, a new folder (the same one every other time, to show "not empty"), or .ics files in turn (leave, then replies). */
function dialogOpen(options: DialogOptions | undefined): string {
	if (options?.directory) return `/home/demo/Invitations/envoi-${Math.floor(folderPicks++ / 2) + 1}`;
	if (options?.filters?.some((f) => f.extensions.includes('ics'))) {
		return icsPicks++ % 2 === 0 ? '/home/demo/Téléchargements/conges_2027.ics' : '/home/demo/Téléchargements/reponses_invitations.ics';
	}
	return '/home/rh/Exports/annuaire_RH_2026-11.csv';
}

/** Handles an import/export/dialog command; `undefined` when `cmd` is not one of them. */
export async function mockImport(cmd: string, args: Args, add: (input: PersonInput) => void): Promise<unknown> {
	switch (cmd) {
		case 'plugin:dialog|open':
			return dialogOpen(args.options as DialogOptions | undefined);
		case 'plugin:dialog|save':
			return ((args.options as { defaultPath?: string } | undefined)?.defaultPath ?? 'annuaire.csv') as string;
		case 'people_import_preview':
			return preview(args.options as ImportOptions);
		case 'people_import': {
			const options = args.options as ImportOptions;
			const report = preview(options);
			const channel = args.onProgress as { onmessage?: (p: ImportProgress) => void } | undefined;
			const total = report.created + report.updated + (options.deactivateMissing ? report.missingActive : 0);
			for (let done = 0; done <= total; done++) {
				channel?.onmessage?.({ done, total });
				await new Promise((resolve) => setTimeout(resolve, 150));
			}
			if (options.strict && report.errors.length > 0) return { ...report, created: 0, updated: 0, rows: [] };
			if (imports === 0) NEW_PEOPLE.forEach((p) => add(p));
			imports += 1;
			return {
				...report,
				deactivated: options.deactivateMissing ? report.missingActive : 0,
				sitesCreated: options.createMissing ? 1 : 0,
				applied: true,
				importId: imports
			};
		}
		case 'people_import_undo':
			return { importId: args.importId as number, deleted: 3, deactivated: 0, restored: 2, reactivated: 0, sitesDeleted: 0 } satisfies UndoReport;
		case 'people_export':
			return 18_432;
		case 'department_aliases_get':
			return aliases;
		case 'department_aliases_set':
			aliases = args.aliases as DepartmentAlias[];
			return aliases;
		default:
			return undefined;
	}
}
