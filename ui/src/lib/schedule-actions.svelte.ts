/**
 * Scheduling actions shared by every page: moving an activity (drag, keyboard, "Move to…"), changing its status,
 * cancelling it, and taking the last of these back (toast "Undo" or Ctrl+Z). Each goes through the clash check: a
 * warning opens the findings dialog and asks; an error shows the blocking findings, and the caller reverts.
 */
import type { ActivityRecord } from '$lib/bindings/ActivityRecord';
import type { ActivityStatus } from '$lib/bindings/ActivityStatus';
import type { Finding } from '$lib/bindings/Finding';
import * as api from './api';
import { errorMessage } from './errors';
import { formatDay } from './findings';
import { getLocale, t, type MessageKey } from './i18n';
import { withConfirmation, type CheckedOutcome } from './reschedule';
import { localDay } from './time';
import { showToast } from './toasts.svelte';
import { createUndoRunner, createUndoStack, type UndoEntry } from './undo';

// ---------- change notifications: pages reload when the version moves ----------

export const changes = $state({ version: 0 });

export function notifyChanged(): void {
	changes.version++;
}

// ---------- the findings dialog (rendered once by the root layout) ----------

export type FindingsDialogMode = 'confirm' | 'blocked';

interface DialogState {
	open: boolean;
	mode: FindingsDialogMode;
	title: string;
	findings: Finding[];
	resolve: ((ok: boolean) => void) | null;
}

export const findingsDialog = $state<DialogState>({
	open: false,
	mode: 'confirm',
	title: '',
	findings: [],
	resolve: null
});

/** Shows warnings and asks whether to go ahead; resolves false on Cancel or Escape. */
export function askConfirmation(findings: Finding[], title: string): Promise<boolean> {
	findingsDialog.resolve?.(false);
	return new Promise((resolve) => {
		Object.assign(findingsDialog, { open: true, mode: 'confirm', title, findings, resolve });
	});
}

/** Shows blocking findings; resolves when closed. */
export function showBlocked(findings: Finding[], title: string): Promise<boolean> {
	findingsDialog.resolve?.(false);
	return new Promise((resolve) => {
		Object.assign(findingsDialog, { open: true, mode: 'blocked', title, findings, resolve });
	});
}

export function closeFindingsDialog(ok: boolean): void {
	const resolve = findingsDialog.resolve;
	Object.assign(findingsDialog, { open: false, resolve: null });
	resolve?.(ok);
}

// ---------- undo ----------

const stack = createUndoStack(20);
export const undoState = $state({ size: 0, running: false });

const runner = createUndoRunner(stack, (error) => {
	showToast(t('undo.failed', { reason: errorMessage(getLocale(), error) }), { kind: 'error' });
});

function pushUndo(entry: UndoEntry): void {
	stack.push(entry);
	undoState.size = stack.size;
}

/** Takes back the latest change, if any (Ctrl+Z and the toasts' Undo button). */
export async function undoLast(): Promise<void> {
	if (stack.size === 0) {
		showToast(t('undo.nothing'), { kind: 'info' });
		return;
	}
	undoState.running = true;
	try {
		const entry = await runner.undoLast();
		if (entry) {
			showToast(t('undo.done', { action: entry.label }), { kind: 'info' });
			notifyChanged();
		}
	} finally {
		undoState.size = stack.size;
		undoState.running = false;
	}
}

function offerUndo(message: string, entry: UndoEntry): void {
	pushUndo(entry);
	showToast(message, { kind: 'success', action: { label: t('common.undo'), run: () => undoLast() } });
}

// ---------- moves ----------

export type MoveOutcome = CheckedOutcome<ActivityRecord> | { outcome: 'failed' };

/**
 * Moves an activity to [start, end) through the clash check; on success offers Undo (moving it back, confirmed,
 * since the old place was accepted before).
 */
export async function moveActivity(record: ActivityRecord, start: string, end: string): Promise<MoveOutcome> {
	try {
		const result = await withConfirmation(
			(confirm) => api.activityReschedule(record.id, start, end, confirm),
			(findings) => askConfirmation(findings, t('move.confirmTitle', { title: record.title }))
		);
		if (result.outcome === 'saved') {
			const day = formatDay(getLocale(), localDay(result.value.start, result.value.zone));
			const previous = { start: record.start, end: record.end };
			offerUndo(t('move.done', { title: record.title, day }), {
				label: t('move.undoLabel', { title: record.title }),
				undo: async () => {
					await api.activityReschedule(record.id, previous.start, previous.end, true);
				}
			});
			notifyChanged();
		} else if (result.outcome === 'blocked') {
			await showBlocked(result.findings, t('move.blockedTitle', { title: record.title }));
		}
		return result;
	} catch (e) {
		showToast(errorMessage(getLocale(), e), { kind: 'error' });
		return { outcome: 'failed' };
	}
}

// ---------- lifecycle ----------

const STATUS_SAVED = {
	proposed: 'lifecycle.saved.proposed',
	planned: 'lifecycle.saved.planned',
	confirmed: 'lifecycle.saved.confirmed',
	done: 'lifecycle.saved.done',
	cancelled: 'lifecycle.cancelled'
} as const satisfies Record<ActivityStatus, MessageKey>;

/** Confirms, marks done or cancels; a cancellation offers Undo. Returns the new record, or null on failure. */
export async function setStatus(record: ActivityRecord, status: ActivityStatus): Promise<ActivityRecord | null> {
	try {
		const updated = await api.activitySetStatus(record.id, status);
		if (status === 'cancelled') {
			offerUndo(t('lifecycle.cancelled', { title: record.title }), {
				label: t('lifecycle.undoCancelLabel', { title: record.title }),
				undo: async () => {
					await api.activityUndoCancel(record.id);
				}
			});
		} else {
			showToast(t(STATUS_SAVED[status], { title: record.title }));
		}
		notifyChanged();
		return updated;
	} catch (e) {
		showToast(errorMessage(getLocale(), e), { kind: 'error' });
		return null;
	}
}

/** Records that a creation or an edit was saved (reloads the pages). */
export function savedActivity(): void {
	notifyChanged();
}
