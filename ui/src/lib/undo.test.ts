import { describe, expect, it, vi } from 'vitest';
import { createUndoRunner, createUndoStack } from './undo';

describe('undo stack', () => {
	it('undoes the latest change first and keeps a bounded history', () => {
		const stack = createUndoStack(2);
		const done: string[] = [];
		for (const label of ['a', 'b', 'c']) stack.push({ label, undo: async () => void done.push(label) });
		expect(stack.size, 'only the two latest changes are kept').toBe(2);
		expect(stack.pop()?.label, 'the last change is undone first').toBe('c');
		expect(stack.pop()?.label, 'then the one before').toBe('b');
		expect(stack.pop(), 'the oldest fell off the stack').toBeUndefined();
	});

	it('runs one undo at a time, and reports a failure without retrying it', async () => {
		const stack = createUndoStack();
		const onError = vi.fn();
		let release: () => void = () => undefined;
		stack.push({ label: 'first', undo: () => Promise.reject(new Error('gone')) });
		stack.push({ label: 'second', undo: () => new Promise<void>((r) => (release = r)) });
		const runner = createUndoRunner(stack, onError);
		const running = runner.undoLast();
		expect(await runner.undoLast(), 'a second Ctrl+Z while the first runs is ignored').toBeUndefined();
		release();
		expect((await running)?.label, 'the running undo completes').toBe('second');
		expect(await runner.undoLast(), 'a failed undo returns nothing').toBeUndefined();
		expect(onError, 'the failure is reported once').toHaveBeenCalledTimes(1);
		expect(stack.size, 'a failed undo is not put back').toBe(0);
	});
});
