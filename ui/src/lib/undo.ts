/**
 * The undo stack: each change that can be taken back (a drag, a cancellation) pushes how to take it back. Pure and
 * framework-free; `undo.svelte.ts` wires it to the toasts and Ctrl+Z.
 */

export interface UndoEntry {
	/** What was done, for the toast ("Moved “Vis ma vie …” to Tue 14 Jan"). */
	label: string;
	/** Takes the change back. */
	undo: () => Promise<void>;
}

export interface UndoStack {
	push(entry: UndoEntry): void;
	/** The latest entry, removed from the stack; undefined when empty. */
	pop(): UndoEntry | undefined;
	peek(): UndoEntry | undefined;
	readonly size: number;
	clear(): void;
}

/** A stack keeping the `limit` latest entries (older ones fall off). */
export function createUndoStack(limit = 20): UndoStack {
	let entries: UndoEntry[] = [];
	return {
		push(entry) {
			entries = [...entries, entry].slice(-Math.max(1, limit));
		},
		pop() {
			const last = entries[entries.length - 1];
			entries = entries.slice(0, -1);
			return last;
		},
		peek() {
			return entries[entries.length - 1];
		},
		get size() {
			return entries.length;
		},
		clear() {
			entries = [];
		}
	};
}

/**
 * Runs the latest undo. While one runs, further requests are ignored (a double Ctrl+Z must not undo two things at
 * once); a failed undo is reported through `onError` and is not retried.
 */
export function createUndoRunner(stack: UndoStack, onError: (error: unknown, entry: UndoEntry) => void) {
	let running = false;
	return {
		get running() {
			return running;
		},
		async undoLast(): Promise<UndoEntry | undefined> {
			if (running) return undefined;
			const entry = stack.pop();
			if (!entry) return undefined;
			running = true;
			try {
				await entry.undo();
				return entry;
			} catch (error) {
				onError(error, entry);
				return undefined;
			} finally {
				running = false;
			}
		}
	};
}
