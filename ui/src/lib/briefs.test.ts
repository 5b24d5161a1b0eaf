import { describe, expect, it } from 'vitest';
import type { PlanReason } from './bindings/PlanReason';
import { groupBriefs, inWeek, rotaLines, rruleWeekdays } from './briefs';
import { reasonText } from './plan';
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
				assignments: [{ activityId: 2, start: occ[1]?.start ?? '', personId: 1, email: '', name: 'Zoé Martin', reason: 'why', reasons: [{ code: 'repeat_brief', marketer: 'Zoé Martin' }], load: 3 }],
				gaps: [{ activityId: 3, start: occ[2]?.start ?? '', reason: 'holiday', reasons: [{ code: 'holiday', name: '' }] }],
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
		expect(
			lines.map((l) => [l.reasons.map((r) => r.code), l.reason]),
			'each suggested or uncovered line carries its structured reasons and English fallback; a kept line has none'
		).toEqual([
			[[], ''],
			[['repeat_brief'], 'why'],
			[['holiday'], 'holiday']
		]);
	});

	it('say the rota’s reasons in French and in English, with the English text as the fallback', () => {
		const assigned: PlanReason[] = [
			{ code: 'fewest_briefs', marketer: 'Zoé Martin', briefs: 0 },
			{ code: 'novel_brief', marketer: 'Zoé Martin', team: 'Ventes Sud' },
			{ code: 'not_previous', marketer: 'Léo Petit' }
		];
		expect(reasonText('fr', assigned, 'english'), 'French, parts joined with a spaced semicolon, 0 is singular').toBe(
			'Zoé Martin a 0 brief sur les 90 derniers jours (prévus compris), le moins parmi les marketeurs libres ; Zoé Martin n’a assisté à aucun brief Ventes Sud depuis un an ; Léo Petit était au brief précédent et n’y retourne pas deux fois de suite'
		);
		expect(reasonText('en', assigned, 'english'), 'English, 0 is plural').toBe(
			'Zoé Martin has 0 briefs in the last 90 days (planned included), the fewest of the free marketers; Zoé Martin has not attended a Ventes Sud brief in the past year; Léo Petit attended the previous brief and does not go twice in a row'
		);
		const load: PlanReason[] = [{ code: 'brief_load', marketer: 'Léo Petit', briefs: 1 }, { code: 'repeat_brief', marketer: 'Léo Petit' }];
		expect(reasonText('fr', load, ''), 'one brief, and a repeat, in French').toBe(
			'Léo Petit a 1 brief sur les 90 derniers jours (prévus compris) ; Léo Petit était déjà au brief précédent : personne d’autre n’était libre'
		);
		expect(reasonText('en', load, ''), 'one brief is singular in English').toContain('has 1 brief in');
		const elsewhere: PlanReason = { code: 'fewer_elsewhere', marketer: 'Zoé Martin', briefs: 0, day: '2027-01-25' };
		expect(reasonText('fr', [elsewhere], ''), 'where the marketer with fewer briefs goes, the day in French').toBe('Zoé Martin, qui a moins de briefs (0), va au brief du lun. 25 janv.');
		expect(reasonText('en', [elsewhere], ''), 'the same in English').toBe('Zoé Martin, with fewer briefs (0), goes to the brief of Mon 25 Jan');
		const gaps: [PlanReason, string, string][] = [
			[{ code: 'holiday', name: 'Toussaint' }, 'Jour férié ou fermeture de l’entreprise (Toussaint)', 'Company holiday (Toussaint)'],
			[{ code: 'holiday', name: ' ' }, 'Jour férié ou fermeture de l’entreprise', 'Company holiday'],
			[{ code: 'no_marketer_free', away: 2, busy: 1 }, 'Aucun marketeur n’est libre à cette heure (absents : 2, occupés : 1)', 'No marketer is free at that time (away: 2, busy: 1)'],
			[{ code: 'no_marketers' }, 'Aucun marketeur actif', 'There is no active marketer'],
			[{ code: 'marketers_taken' }, 'Les marketeurs libres sont déjà pris par une autre occurrence à cette heure', 'The free marketers are already at another occurrence at that time']
		];
		for (const [r, fr, en] of gaps) {
			expect(reasonText('fr', [r], 'x'), `gap ${r.code} in French, capitalised`).toBe(fr);
			expect(reasonText('en', [r], 'x'), `gap ${r.code} in English, capitalised`).toBe(en);
		}
		expect(reasonText('fr', [], 'Company holiday (Férié)'), 'no structured reasons: the English text is shown').toBe('Company holiday (Férié)');
	});
});
