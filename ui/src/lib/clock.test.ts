import { afterEach, describe, expect, it } from 'vitest';
import { now, nowMs, setFixedNow } from './clock';
import { today } from './time';

describe('clock', () => {
	afterEach(() => setFixedNow(null));

	it('stands still at the instant the app was started with', () => {
		setFixedNow('2028-02-29T10:00:00Z');
		expect(now().toISOString(), 'UNISSON_NOW fixes the UI clock as it fixes core').toBe('2028-02-29T10:00:00.000Z');
		expect(nowMs(), 'both forms agree').toBe(Date.parse('2028-02-29T10:00:00Z'));
	});

	it("gives the pages core's local day, not the machine's", () => {
		setFixedNow('2026-12-31T23:30:00Z');
		expect(today('Europe/Paris'), 'New Year already began in Paris at 23:30 UTC').toBe('2027-01-01');
		expect(today('America/New_York'), 'but not in New York').toBe('2026-12-31');
	});

	it('follows the system clock when nothing is fixed, or the value is unreadable', () => {
		setFixedNow('not a date');
		const before = Date.now();
		const seen = nowMs();
		expect(seen >= before && seen <= Date.now(), 'an unreadable value must not freeze the UI at an odd instant').toBe(true);
	});
});
