/**
 * The only module that talks to the Rust side. One typed function per Tauri command;
 * a rejected invoke() is rethrown as an ApiError (see api-error.ts).
 */
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { AppInfo } from '$lib/bindings/AppInfo';
import type { DatabaseStatus } from '$lib/bindings/DatabaseStatus';
import { Channel } from '@tauri-apps/api/core';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';
import type { Delimiter } from '$lib/bindings/Delimiter';
import type { DepartmentAlias } from '$lib/bindings/DepartmentAlias';
import type { ImportOptions } from '$lib/bindings/ImportOptions';
import type { ImportProgress } from '$lib/bindings/ImportProgress';
import type { ImportReport } from '$lib/bindings/ImportReport';
import type { UndoReport } from '$lib/bindings/UndoReport';
import type { Absence } from '$lib/bindings/Absence';
import type { AbsenceInput } from '$lib/bindings/AbsenceInput';
import type { ActivityInput } from '$lib/bindings/ActivityInput';
import type { ActivityQuery } from '$lib/bindings/ActivityQuery';
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { ActivityStatus } from '$lib/bindings/ActivityStatus';
import type { AttendanceMark } from '$lib/bindings/AttendanceMark';
import type { BoardItem } from '$lib/bindings/BoardItem';
import type { DayOccupancy } from '$lib/bindings/DayOccupancy';
import type { Finding } from '$lib/bindings/Finding';
import type { ParticipationStatus } from '$lib/bindings/ParticipationStatus';
import type { PlanningRules } from '$lib/bindings/PlanningRules';
import type { PlanApplied } from '$lib/bindings/PlanApplied';
import type { PlanProgress } from '$lib/bindings/PlanProgress';
import type { PlanRequest } from '$lib/bindings/PlanRequest';
import type { PlanSuggestion } from '$lib/bindings/PlanSuggestion';
import type { PlanWeights } from '$lib/bindings/PlanWeights';
import type { ActivityKind } from '$lib/bindings/ActivityKind';
import type { Debrief } from '$lib/bindings/Debrief';
import type { DebriefCompletion } from '$lib/bindings/DebriefCompletion';
import type { DebriefInput } from '$lib/bindings/DebriefInput';
import type { DebriefQuery } from '$lib/bindings/DebriefQuery';
import type { DebriefRecord } from '$lib/bindings/DebriefRecord';
import type { OfferInsights } from '$lib/bindings/OfferInsights';
import type { PendingDebrief } from '$lib/bindings/PendingDebrief';
import type { Coverage } from '$lib/bindings/Coverage';
import type { GroupBy } from '$lib/bindings/GroupBy';
import type { Metric } from '$lib/bindings/Metric';
import type { ParticipationRow } from '$lib/bindings/ParticipationRow';
import type { TrendPoint } from '$lib/bindings/TrendPoint';
import type { Rota } from '$lib/bindings/Rota';
import type { Series } from '$lib/bindings/Series';
import type { SeriesInput } from '$lib/bindings/SeriesInput';
import type { Person } from '$lib/bindings/Person';
import type { PersonInput } from '$lib/bindings/PersonInput';
import type { PersonRow } from '$lib/bindings/PersonRow';
import type { AccessExport } from '$lib/bindings/AccessExport';
import type { ErasurePreview } from '$lib/bindings/ErasurePreview';
import type { Retention } from '$lib/bindings/Retention';
import type { Settings } from '$lib/bindings/Settings';
import type { Site } from '$lib/bindings/Site';
import type { SiteInput } from '$lib/bindings/SiteInput';
import type { SiteRow } from '$lib/bindings/SiteRow';
import type { IcsImportOptions } from '$lib/bindings/IcsImportOptions';
import type { IcsImportReport } from '$lib/bindings/IcsImportReport';
import type { InviteExportOptions } from '$lib/bindings/InviteExportOptions';
import type { InviteExportSummary } from '$lib/bindings/InviteExportSummary';
import type { Language } from '$lib/bindings/Language';
import type { Objective } from '$lib/bindings/Objective';
import type { ObjectiveInput } from '$lib/bindings/ObjectiveInput';
import type { ObjectiveProgress } from '$lib/bindings/ObjectiveProgress';
import { ApiError } from './api-error';

export { ApiError } from './api-error';

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
	try {
		return await invoke<T>(command, args);
	} catch (reason) {
		throw ApiError.from(reason);
	}
}

// People
export async function peopleList(): Promise<PersonRow[]> {
	return call<PersonRow[]>('people_list');
}
export async function personAdd(input: PersonInput): Promise<Person> {
	return call<Person>('person_add', { input });
}
export async function personUpdate(id: number, input: PersonInput): Promise<Person> {
	return call<Person>('person_update', { id, input });
}
export async function personSetActive(id: number, active: boolean): Promise<Person> {
	return call<Person>('person_set_active', { id, active });
}

// Privacy (GDPR): retention setting, erasure (preview, then erase), access export into a folder the user picks.
export async function retentionGet(): Promise<Retention> {
	return call<Retention>('retention_get');
}
export async function retentionUpdate(retention: Retention): Promise<Retention> {
	return call<Retention>('retention_update', { retention });
}
export async function personErasurePreview(id: number): Promise<ErasurePreview> {
	return call<ErasurePreview>('person_erasure_preview', { id });
}
export async function personErase(id: number): Promise<ErasurePreview> {
	return call<ErasurePreview>('person_erase', { id });
}
export async function personExportAccess(id: number, outDir: string): Promise<AccessExport> {
	return call<AccessExport>('person_export_access', { id, outDir });
}
/** Asks for the folder to write a person's data into (it must be new or empty); null when the user cancels. */
export async function pickAccessFolder(title: string): Promise<string | null> {
	return pickInviteFolder(title);
}

// Staff directory import/export (CSV). Files are chosen with the dialog plugin; only their paths cross IPC.
const CSV_FILTERS = [{ name: 'CSV', extensions: ['csv', 'txt'] }];

async function dialog<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (reason) {
		throw ApiError.from(reason);
	}
}
/** Asks for a CSV file to import; null when the user cancels. */
export async function pickCsvFile(title: string): Promise<string | null> {
	const chosen = await dialog(() => openDialog({ title, multiple: false, directory: false, filters: CSV_FILTERS }));
	return typeof chosen === 'string' ? chosen : null;
}
/** Asks where to save the export; null when the user cancels. */
export async function pickExportPath(title: string, defaultPath: string): Promise<string | null> {
	return dialog(() => saveDialog({ title, defaultPath, filters: CSV_FILTERS }));
}
export async function peopleImportPreview(path: string, options: ImportOptions): Promise<ImportReport> {
	return call<ImportReport>('people_import_preview', { path, options });
}
export async function peopleImport(
	path: string,
	options: ImportOptions,
	onProgress: (progress: ImportProgress) => void
): Promise<ImportReport> {
	const channel = new Channel<ImportProgress>();
	channel.onmessage = onProgress;
	return call<ImportReport>('people_import', { path, options, onProgress: channel });
}
export async function peopleImportUndo(importId: number): Promise<UndoReport> {
	return call<UndoReport>('people_import_undo', { importId });
}
/** Writes the directory to `path` (UTF-8 with BOM); returns the bytes written. */
export async function peopleExport(path: string, delimiter: Delimiter): Promise<number> {
	return call<number>('people_export', { path, delimiter });
}
export async function departmentAliasesGet(): Promise<DepartmentAlias[]> {
	return call<DepartmentAlias[]>('department_aliases_get');
}
export async function departmentAliasesSet(aliases: DepartmentAlias[]): Promise<DepartmentAlias[]> {
	return call<DepartmentAlias[]>('department_aliases_set', { aliases });
}

// Sites
export async function sitesList(): Promise<SiteRow[]> {
	return call<SiteRow[]>('sites_list');
}
export async function siteAdd(input: SiteInput): Promise<Site> {
	return call<Site>('site_add', { input });
}
export async function siteUpdate(id: number, input: SiteInput): Promise<Site> {
	return call<Site>('site_update', { id, input });
}
export async function siteDelete(id: number): Promise<null> {
	return call<null>('site_delete', { id });
}
/** Seats taken at a site on each local day from `first` to `last` (inclusive, at most 62 days). */
export async function siteOccupancy(siteId: number, first: string, last: string): Promise<DayOccupancy[]> {
	return call<DayOccupancy[]>('site_occupancy', { siteId, first, last });
}

// Settings and app
export async function settingsGet(): Promise<Settings> {
	return call<Settings>('settings_get');
}
export async function settingsUpdate(settings: Settings): Promise<Settings> {
	return call<Settings>('settings_update', { settings });
}
export async function timezonesList(): Promise<string[]> {
	return call<string[]>('timezones_list');
}
export async function appInfo(): Promise<AppInfo> {
	return call<AppInfo>('app_info');
}

// The open database: is it new (the welcome shows), the demo; switching to the demo or to a picked file. After a
// switch the caller reloads the UI, so that no page keeps what it read from the previous file.
export async function databaseStatus(): Promise<DatabaseStatus> {
	return call<DatabaseStatus>('database_status');
}
export async function databaseOpenDemo(): Promise<DatabaseStatus> {
	return call<DatabaseStatus>('database_open_demo');
}
export async function databaseOpen(path: string): Promise<DatabaseStatus> {
	return call<DatabaseStatus>('database_open', { path });
}
/** Asks for an existing Unisson database file; null when the user cancels. */
export async function pickDatabaseFile(title: string, filterName: string): Promise<string | null> {
	const chosen = await dialog(() =>
		openDialog({
			title,
			multiple: false,
			directory: false,
			filters: [{ name: filterName, extensions: ['sqlite', 'sqlite3', 'db'] }]
		})
	);
	return typeof chosen === 'string' ? chosen : null;
}

// Activities (the four kinds of exchange). Changes run the clash check on the Rust side: errors reject with code
// `clash`, warnings with `needs_confirmation` until called again with confirm = true (see reschedule.ts).
export async function activitiesList(query: ActivityQuery): Promise<ActivityRecord[]> {
	return call<ActivityRecord[]>('activities_list', { query });
}
/** The planning board's compact read: every activity overlapping [from, to) with the ids of the people on it. */
export async function boardList(from: string, to: string): Promise<BoardItem[]> {
	return call<BoardItem[]>('board_list', { from, to });
}
export async function activityGet(id: number): Promise<ActivityRecord> {
	return call<ActivityRecord>('activity_get', { id });
}
/** The findings for a proposed activity (`id`: the one being edited), without saving. */
export async function activityCheck(input: ActivityInput, id: number | null): Promise<Finding[]> {
	return call<Finding[]>('activity_check', { input, id });
}
export async function activityCreate(input: ActivityInput, confirm: boolean): Promise<ActivityRecord> {
	return call<ActivityRecord>('activity_create', { input, confirm });
}
export async function activityUpdate(id: number, input: ActivityInput, confirm: boolean): Promise<ActivityRecord> {
	return call<ActivityRecord>('activity_update', { id, input, confirm });
}
export async function activityReschedule(
	id: number,
	start: string,
	end: string,
	confirm: boolean
): Promise<ActivityRecord> {
	return call<ActivityRecord>('activity_reschedule', { id, start, end, confirm });
}
export async function activitySetStatus(id: number, status: ActivityStatus): Promise<ActivityRecord> {
	return call<ActivityRecord>('activity_set_status', { id, status });
}
export async function activityUndoCancel(id: number): Promise<ActivityRecord> {
	return call<ActivityRecord>('activity_undo_cancel', { id });
}
export async function participationRespond(
	id: number,
	personId: number,
	status: ParticipationStatus
): Promise<ActivityRecord> {
	return call<ActivityRecord>('participation_respond', { id, personId, status });
}
/** Signs attendance off; `reason` is required when a mark corrects history (see `privacy.isCorrection`). */
export async function attendanceSignOff(id: number, marks: AttendanceMark[], reason: string | null = null): Promise<ActivityRecord> {
	return call<ActivityRecord>('attendance_sign_off', { id, marks, reason });
}

// Absences and company holidays
export async function absencesList(first: string, last: string): Promise<Absence[]> {
	return call<Absence[]>('absences_list', { first, last });
}
export async function absenceAdd(input: AbsenceInput): Promise<Absence> {
	return call<Absence>('absence_add', { input });
}
export async function absenceDelete(id: number): Promise<null> {
	return call<null>('absence_delete', { id });
}

// Planning rules
export async function rulesGet(): Promise<PlanningRules> {
	return call<PlanningRules>('rules_get');
}
export async function rulesUpdate(rules: PlanningRules): Promise<PlanningRules> {
	return call<PlanningRules>('rules_update', { rules });
}

// Brief series and the marketing rota (occurrences are `brief` activities: activitiesList with kind 'brief')
export async function seriesList(): Promise<Series[]> {
	return call<Series[]>('series_list');
}
export async function seriesCreate(input: SeriesInput): Promise<Series> {
	return call<Series>('series_create', { input });
}
/** Changes a series from `from` (a day) on: "this and following". */
export async function seriesUpdateFrom(id: number, from: string, input: SeriesInput): Promise<Series> {
	return call<Series>('series_update_from', { id, from, input });
}
/** The suggested marketers for the next `next` occurrences (writes nothing). */
export async function briefRotaPreview(seriesId: number, next: number): Promise<Rota> {
	return call<Rota>('brief_rota_preview', { seriesId, next });
}
export async function briefRotaApply(seriesId: number, next: number): Promise<Rota> {
	return call<Rota>('brief_rota_apply', { seriesId, next });
}

// Invites (iCalendar): preview one activity's invite, export a folder of invites, import an .ics file.
const ICS_FILTERS = [{ name: 'iCalendar', extensions: ['ics', 'ical', 'ifb', 'icalendar'] }];

/** The .ics text an activity's attendees would receive now. */
export async function invitePreview(id: number): Promise<string> {
	return call<string>('invite_preview', { id });
}
/** Asks for the folder to write invites into (it must be new or empty); null when the user cancels. */
export async function pickInviteFolder(title: string): Promise<string | null> {
	const chosen = await dialog(() => openDialog({ title, multiple: false, directory: true }));
	return typeof chosen === 'string' ? chosen : null;
}
export async function invitesExport(outDir: string, options: InviteExportOptions): Promise<InviteExportSummary> {
	return call<InviteExportSummary>('invites_export', { outDir, options });
}
/** Asks for an .ics file to import; null when the user cancels. */
export async function pickIcsFile(title: string): Promise<string | null> {
	const chosen = await dialog(() => openDialog({ title, multiple: false, directory: false, filters: ICS_FILTERS }));
	return typeof chosen === 'string' ? chosen : null;
}
/** Reads absences or replies from an .ics file; with `options.dryRun` nothing is written. */
export async function icsImport(path: string, options: IcsImportOptions): Promise<IcsImportReport> {
	return call<IcsImportReport>('ics_import', { path, options });
}

// "Suggest a plan" (issue 7): the run streams its progress on a per-call channel; planCancel makes it return early.
export async function planSuggest(request: PlanRequest, onProgress: (progress: PlanProgress) => void): Promise<PlanSuggestion> {
	const channel = new Channel<PlanProgress>();
	channel.onmessage = onProgress;
	return call<PlanSuggestion>('plan_suggest', { request, onProgress: channel });
}
export async function planCancel(): Promise<void> {
	return call<void>('plan_cancel');
}
/** The objective's weights saved in settings (the defaults until then). */
export async function planWeights(): Promise<PlanWeights> {
	return call<PlanWeights>('plan_weights');
}
/** Validates and saves the objective's weights (used by the next plans and brief rotas). */
export async function planWeightsUpdate(weights: PlanWeights): Promise<PlanWeights> {
	return call<PlanWeights>('plan_weights_update', { weights });
}
/** Creates the plan's proposals (pass a plan filtered to the accepted ones) as planned shadowing days. */
export async function planApply(plan: PlanSuggestion): Promise<PlanApplied> {
	return call<PlanApplied>('plan_apply', { plan });
}

// Debriefs (issue 6): the field-to-marketing feedback loop. Periods are inclusive local days (`YYYY-MM-DD`).
/** Saves (creates or replaces) a participant's debrief; the offer tag is stored with a known tag's spelling. */
export async function debriefSave(input: DebriefInput): Promise<Debrief> {
	return call<Debrief>('debrief_save', { input });
}
export async function debriefDelete(id: number): Promise<void> {
	return call<void>('debrief_delete', { id });
}
/** Debriefs matching the filters, newest activity first. */
export async function debriefsList(query: DebriefQuery): Promise<DebriefRecord[]> {
	return call<DebriefRecord[]>('debriefs_list', { query });
}
/** Debriefs still to fill (participations that took place, without one), newest first. */
export async function debriefsPending(personId: number | null = null): Promise<PendingDebrief[]> {
	return call<PendingDebrief[]>('debriefs_pending', { personId });
}
/** Offer tags in use, most used first. */
export async function offerTags(): Promise<string[]> {
	return call<string[]>('offer_tags');
}
/** Feedback by offer and month over the period, against the previous one. */
export async function offerInsights(from: string, to: string, kind: ActivityKind | null): Promise<OfferInsights> {
	return call<OfferInsights>('offer_insights', { from, to, kind });
}
/** Expected vs filled debriefs over the period, overall and by group. */
export async function debriefCompletion(from: string, to: string, by: GroupBy): Promise<DebriefCompletion> {
	return call<DebriefCompletion>('debrief_completion', { from, to, by });
}
/** Who has not filled an expected debrief of the period (one group, or everyone when `group` is null). */
export async function debriefMissing(from: string, to: string, by: GroupBy, group: string | null): Promise<PendingDebrief[]> {
	return call<PendingDebrief[]>('debrief_missing', { from, to, by, group });
}

// Reports (issue 6): periods are inclusive local days (`YYYY-MM-DD`).
export async function reportParticipation(from: string, to: string, by: GroupBy): Promise<ParticipationRow[]> {
	return call<ParticipationRow[]>('report_participation', { from, to, by });
}
/**
 * Writes the participation summary as CSV (UTF-8 BOM, `;`, formulas neutralised) to `path`, under `header` (each
 * column's field name → its label in the user's language); returns the bytes written.
 */
export async function reportParticipationExport(from: string, to: string, by: GroupBy, path: string, header: Record<string, string>): Promise<number> {
	return call<number>('report_participation_export', { from, to, by, path, header });
}
/** The coverage matrix, marketing teams × sales and CRC teams. */
export async function reportCoverage(from: string, to: string): Promise<Coverage> {
	return call<Coverage>('report_coverage', { from, to, rows: 'team' });
}
/**
 * The activity ids behind one figure (once per counted participation, by start); fetch them with activityGet. Without
 * a group (`null`), everyone's: the drill-down of a trend point.
 */
export async function reportEvidence(from: string, to: string, by: GroupBy, group: string | null, metric: Metric): Promise<number[]> {
	return call<number[]>('report_evidence', { from, to, by, group, metric });
}
/** Participation over the period for everyone, by week up to about a quarter and by month beyond. */
export async function reportTrends(from: string, to: string): Promise<TrendPoint[]> {
	return call<TrendPoint[]>('report_trends', { from, to, step: null });
}

// Shared objectives (issue 6).
export async function objectivesList(): Promise<Objective[]> {
	return call<Objective[]>('objectives_list');
}
/** Adds an objective (`id` null) or edits one. */
export async function objectiveSave(id: number | null, input: ObjectiveInput): Promise<Objective> {
	return call<Objective>('objective_save', { id, input });
}
/** Deletes an objective; returns it as it was, so Undo can save it again. */
export async function objectiveDelete(id: number): Promise<Objective> {
	return call<Objective>('objective_delete', { id });
}
/** Creates the four example objectives, titled in `language`, applying from `activeFrom`. */
export async function objectivesAddExamples(language: Language, activeFrom: string): Promise<Objective[]> {
	return call<Objective[]>('objectives_add_examples', { language, activeFrom });
}
/** Progress of every objective active in `period` (`2027-Q1`, `2027-03` or `2027`), one record per cadence period. */
export async function objectivesEvaluate(period: string): Promise<ObjectiveProgress[]> {
	return call<ObjectiveProgress[]>('objectives_evaluate', { period });
}
