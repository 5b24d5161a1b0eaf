import { describe, expect, it } from 'vitest';
import { groupBriefs, inWeek, rotaLines, rruleWeekdays } from './briefs';
import { activity, part, person } from './test-fixtures';
import { zonedInstant } from './time';

const marketer = person(1, { fullName: 'Zoé Martin' });
const seller = person(2, { fullName: 'Noël Lefèvre', department: 'sales' });

function brief(id: number, day: string, seriesId: number, people = [part(seller)]) {
	return activity(id, {
		kind: 'brief',
		title: `Brief ${seriesId}`,
		seriesId,
		start: zonedInstant(day, 8, 0, 'Europe/Paris'),
		end: zonedInstant(day, 8, 45, 'Europe/Paris'),
		participants: people
	});
}

describe('briefs', () => {
	it('group occurrences by series and week, and count those with a marketer', () => {
		const list = [brief(1, '2027-01-11', 7, [part(seller), part(marketer)]), brief(2, '2027-01-18', 7), brief(3, '2027-01-12', 8)];
		const series = groupBriefs(list, '2027-01-13', 'fr-FR');
		expect(series.map((s) => s.key), 'two series, sorted by title').toEqual(['s7', 's8']);
		const s7 = series[0];
		expect(s7?.covered, 'one of the two occurrences has a marketer').toBe(1);
		expect(s7?.time, 'the local start time').toBe('08:00');
		expect(s7?.weekday, 'Monday').toBe(0);
		expect(s7 && inWeek(s7, 1)?.record.id, 'the second week holds the 18th').toBe(2);
		expect(s7 && inWeek(s7, 1)?.marketers.length, 'and nobody from marketing').toBe(0);
	});

	it('read the weekdays of a weekly rule', () => {
		expect(rruleWeekdays('FREQ=WEEKLY;BYDAY=MO,TH'), 'Monday and Thursday').toEqual([0, 3]);
		expect(rruleWeekdays('FREQ=WEEKLY'), 'no BYDAY, no weekday').toEqual([]);
	});

	it('turn a rota preview into one line per occurrence in date order', () => {
		const occ = [brief(1, '2027-01-11', 7, [part(marketer)]), brief(2, '2027-01-18', 7), brief(3, '2027-01-25', 7)];
		const lines = rotaLines(
			{
				seriesId: 7,
				assignments: [{ activityId: 2, start: occ[1]?.start ?? '', personId: 1, email: '', name: 'Zoé Martin', reason: '', load: 3 }],
				gaps: [{ activityId: 3, start: occ[2]?.start ?? '', reason: '' }],
				kept: [1]
			},
			occ
		);
		expect(lines.map((l) => [l.activityId, l.kind, l.names]), 'kept, suggested, then uncovered').toEqual([
			[1, 'kept', ['Zoé Martin']],
			[2, 'assigned', ['Zoé Martin']],
			[3, 'gap', []]
		]);
		expect(lines[1]?.load, 'the suggested marketer’s load is shown').toBe(3);
	});
});
