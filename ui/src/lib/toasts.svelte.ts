/** The toast queue (bottom-right live region). */
export type ToastKind = 'success' | 'error' | 'info';

export interface ToastAction {
	label: string;
	run: () => void | Promise<void>;
}

export interface Toast {
	id: number;
	kind: ToastKind;
	message: string;
	action?: ToastAction;
}

export interface ToastOptions {
	kind?: ToastKind;
	action?: ToastAction;
	/** Milliseconds before auto-dismiss; 0 keeps it until dismissed. */
	duration?: number;
}

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();
const state = $state<{ items: Toast[] }>({ items: [] });

export const toasts = {
	get items(): readonly Toast[] {
		return state.items;
	}
};

export function dismissToast(id: number): void {
	const timer = timers.get(id);
	if (timer !== undefined) clearTimeout(timer);
	timers.delete(id);
	state.items = state.items.filter((t) => t.id !== id);
}

export function showToast(message: string, options: ToastOptions = {}): number {
	const id = nextId++;
	const kind = options.kind ?? 'success';
	const toast: Toast = { id, kind, message, ...(options.action ? { action: options.action } : {}) };
	// Keep at most 4 on screen.
	state.items = [...state.items.slice(-3), toast];
	const duration = options.duration ?? (options.action ? 10_000 : kind === 'error' ? 8_000 : 5_000);
	if (duration > 0) timers.set(id, setTimeout(() => dismissToast(id), duration));
	return id;
}
