/**
 * Requests from the global keyboard shortcuts to the People page, which may not be mounted yet
 * when the key is pressed (the layout navigates there first). The page consumes `pending`.
 */
export type PeopleCommand = 'focusSearch' | 'add' | 'import';

export const peopleCommands = $state<{ pending: PeopleCommand | null }>({ pending: null });

export function requestPeopleCommand(command: PeopleCommand): void {
	peopleCommands.pending = command;
}

/** True when the key event comes from a place where the user is typing text. */
export function isTypingTarget(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	const tag = target.tagName;
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag !== 'INPUT') return false;
	const type = (target as HTMLInputElement).type;
	return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}
