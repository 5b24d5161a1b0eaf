import { describe, expect, it } from 'vitest';
import type { DebriefRecord } from '$lib/bindings/DebriefRecord';
import { completionTone, draftFor, draftFromRecord, excerpt, fold, heatLevel, knownTag, ratingAfterKey, sortDebriefs, suggestTags, trendLabel } from './debriefs';

const KNOWN = ['éco-énergie', 'Box Fibre Pro', 'Assurance habitation', 'Offre Jeunes'];

function record(id: number, day: string, personName: string, rating: number, offerTag: string): DebriefRecord {
	return {
		debrief: {
			id, activityId: id, personId: id, rating, learned: 'appris', customerNeeds: '', offerFeedback: '', offerTag,
			createdAt: `${day}T10:00:00Z`, updatedAt: `${day}T10:00:00Z`
		},
		kind: 'shadowing', activityTitle: `Vis ma vie ${id}`, start: `${day}T08:00:00Z`, day, personName, team: 'Ventes',
		department: 'sales', role: 'host'
	};
}

describe('fold and knownTag', () => {
	it('folds like the Rust side', () => {
		expect(fold('  Éco-Énergie '), 'case, accents and punctuation are ignored').toBe('eco energie');
		expect(fold('Œuvre  Sœur'), 'ligatures expand as in model::fold').toBe('oeuvre soeur');
		expect(fold('---'), 'punctuation alone folds to nothing').toBe('');
	});
	it('finds the known spelling a typed tag will be saved as', () => {
		expect(knownTag('eco energie', KNOWN), 'a variant reuses the known tag').toBe('éco-énergie');
		expect(knownTag('BOX fibre pro', KNOWN), 'case alone does not make a new tag').toBe('Box Fibre Pro');
		expect(knownTag('Offre Pro', KNOWN), 'a new tag matches nothing').toBeNull();
		expect(knownTag('  ', KNOWN), 'no tag matches nothing').toBeNull();
	});
});

describe('suggestTags', () => {
	it('suggests known tags containing the text, prefixes first, without the exact one', () => {
		expect(suggestTags('o', KNOWN), 'tags starting with the text come before those containing it').toEqual([
			'Offre Jeunes',
			'éco-énergie',
			'Box Fibre Pro',
			'Assurance habitation'
		]);
		expect(suggestTags('ECO', KNOWN), 'matching ignores case and accents').toEqual(['éco-énergie']);
		expect(suggestTags('éco-énergie', KNOWN), 'the tag already typed is not suggested again').toEqual([]);
		expect(suggestTags('', KNOWN, 2), 'an empty field shows the most used tags').toEqual(['éco-énergie', 'Box Fibre Pro']);
	});
});

describe('ratingAfterKey', () => {
	it('moves the rating with arrows, Home, End and digits, within 1–5', () => {
		expect(ratingAfterKey(3, 'ArrowRight'), 'right raises').toBe(4);
		expect(ratingAfterKey(5, 'ArrowUp'), 'the top stays the top').toBe(5);
		expect(ratingAfterKey(0, 'ArrowRight'), 'from no rating, right gives the first star').toBe(1);
		expect(ratingAfterKey(1, 'ArrowLeft'), 'the bottom stays the bottom').toBe(1);
		expect(ratingAfterKey(4, 'Home'), 'Home is the lowest').toBe(1);
		expect(ratingAfterKey(2, 'End'), 'End is the highest').toBe(5);
		expect(ratingAfterKey(2, '4'), 'a digit picks that rating').toBe(4);
		expect(ratingAfterKey(2, '7'), 'a digit off the scale does nothing').toBeNull();
		expect(ratingAfterKey(2, 'Tab'), 'Tab leaves the group untouched').toBeNull();
	});
});

describe('drafts', () => {
	it('starts blank for a pending debrief and filled for a stored one', () => {
		const blank = draftFor({ activityId: 7, personId: 9 });
		expect(blank, 'no rating is chosen for the user').toEqual({
			activityId: 7, personId: 9, rating: 0, learned: '', customerNeeds: '', offerFeedback: '', offerTag: ''
		});
		const r = record(3, '2026-10-02', 'Zoé', 4, 'Offre Jeunes');
		expect(draftFromRecord(r), 'editing starts from what was saved').toMatchObject({ rating: 4, offerTag: 'Offre Jeunes', learned: 'appris' });
	});
});

describe('sortDebriefs', () => {
	const rows = [record(1, '2026-10-02', 'Zoé', 4, 'Offre Jeunes'), record(2, '2026-11-05', 'Ana', 2, ''), record(3, '2026-10-20', 'Éloïse', 5, 'éco-énergie')];
	it('sorts by day, person, rating and tag', () => {
		const ids = (key: Parameters<typeof sortDebriefs>[1], dir: 'asc' | 'desc') => sortDebriefs(rows, key, dir).map((r) => r.debrief.id);
		expect(ids('day', 'desc'), 'newest first').toEqual([2, 3, 1]);
		expect(ids('person', 'asc'), 'names in French order (É with E)').toEqual([2, 3, 1]);
		expect(ids('rating', 'desc'), 'best rated first').toEqual([3, 1, 2]);
		expect(ids('tag', 'asc'), 'tags folded, untagged last').toEqual([3, 1, 2]);
	});
});

describe('figures', () => {
	it('shades, tones and trends', () => {
		expect(heatLevel(0, 10), 'an empty cell is blank').toBe(0);
		expect(heatLevel(5, 10), 'half the busiest cell is half shaded').toBe(0.5);
		expect(heatLevel(3, 0), 'no data, no shade').toBe(0);
		expect(completionTone(0.85), '80 % and more is good').toBe('good');
		expect(completionTone(0.5), '50 % is fair').toBe('fair');
		expect(completionTone(0.2), 'below half is low').toBe('low');
		expect(completionTone(null), 'nothing expected has no tone').toBe('none');
		expect([trendLabel(5, 2), trendLabel(1, 3), trendLabel(2, 2)], 'signed change against the previous period').toEqual(['+3', '−2', '=']);
		expect(excerpt({ learned: 'a', customerNeeds: 'besoin', offerFeedback: '' }), 'feedback, else needs, else learned').toBe('besoin');
		expect(excerpt({ learned: 'x'.repeat(200), customerNeeds: '', offerFeedback: '' }, 10), 'long texts are cut with an ellipsis').toBe('xxxxxxxxx…');
	});
});
