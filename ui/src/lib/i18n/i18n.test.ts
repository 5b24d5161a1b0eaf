import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import {
	formatNumber,
	interpolate,
	isMessageKey,
	placeholders,
	resolveLocale,
	translate,
	translatePlural
} from './translate';
import { getLocale, setLocale, t } from './index';

describe('dictionaries', () => {
	it('have exactly the same keys in French and English', () => {
		const frKeys = Object.keys(fr).sort();
		const enKeys = Object.keys(en).sort();
		expect(
			enKeys.filter((k) => !(k in fr)),
			'English must not define keys the French source dictionary lacks'
		).toEqual([]);
		expect(
			frKeys.filter((k) => !(k in en)),
			'every French key must have an English translation, or English users see French'
		).toEqual([]);
		expect(enKeys, 'both dictionaries must have the same key set').toEqual(frKeys);
	});

	it('have no empty strings', () => {
		for (const [locale, dict] of Object.entries({ fr, en })) {
			for (const [key, value] of Object.entries(dict)) {
				expect(value.trim(), `${locale}:${key} must not be empty, or the UI shows a blank label`).not.toBe('');
			}
		}
	});

	it('use the same {placeholders} in both languages', () => {
		for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
			expect(
				placeholders(en[key]),
				`${key}: English must interpolate the same parameters as French, or a value goes missing`
			).toEqual(placeholders(fr[key]));
		}
	});

	it('define plural keys in pairs', () => {
		for (const key of Object.keys(fr)) {
			if (key.endsWith('_one')) {
				expect(
					isMessageKey(key.replace(/_one$/, '_other')),
					`${key} needs an _other form so that counts other than one read correctly`
				).toBe(true);
			}
		}
	});

	it('label every department', () => {
		for (const d of ['marketing', 'sales', 'crc', 'other']) {
			expect(isMessageKey(`department.${d}`), `department ${d} must have a label`).toBe(true);
		}
	});
});

describe('interpolation', () => {
	it('replaces {name} with the parameter', () => {
		expect(
			translate('fr', 'person.created', { name: 'Hélène Dupont' }),
			'the person name must appear in the confirmation'
		).toBe('Fiche créée : Hélène Dupont');
		expect(translate('en', 'person.created', { name: 'Hélène Dupont' }), 'English uses the same parameter').toBe(
			'Person added: Hélène Dupont'
		);
	});

	it('replaces every occurrence and leaves unknown placeholders visible', () => {
		expect(
			interpolate('en', '{a} and {a} but {b}', { a: 'x' }),
			'all occurrences are replaced; a missing parameter stays visible so the bug is noticed'
		).toBe('x and x but {b}');
	});

	it('does not interpret parameter values as templates', () => {
		expect(
			interpolate('en', 'Hi {name}', { name: '{count}', count: 3 }),
			'user data containing braces must be shown as typed'
		).toBe('Hi {count}');
	});

	it('formats numbers for the locale', () => {
		expect(formatNumber('en', 5000), 'English groups thousands with a comma').toBe('5,000');
		expect(
			formatNumber('fr', 5000).replace(/\s/g, ' '),
			'French groups thousands with a (narrow no-break) space'
		).toBe('5 000');
		expect(
			translatePlural('fr', 'people.count', 5000).replace(/\s/g, ' '),
			'counts in messages are formatted for the locale'
		).toBe('5 000 personnes');
	});

	it('chooses plural forms with the locale rules', () => {
		expect(translatePlural('en', 'people.count', 1), 'one person is singular in English').toBe('1 person');
		expect(translatePlural('en', 'people.count', 0), 'zero is plural in English').toBe('0 people');
		expect(translatePlural('fr', 'people.count', 0), 'zero is singular in French').toBe('0 personne');
		expect(translatePlural('fr', 'people.count', 120), 'many is plural in French').toBe('120 personnes');
	});
});

describe('locale resolution', () => {
	it('uses the saved preference first', () => {
		expect(resolveLocale('en', 'fr-FR', 'fr'), 'an explicit choice wins over the system').toBe('en');
		expect(resolveLocale('fr', 'en-US', 'en'), 'an explicit choice wins over the system').toBe('fr');
	});

	it('follows the system locale when the preference is null', () => {
		expect(resolveLocale(null, 'fr-FR', 'en-US'), 'the system locale from app_info comes before navigator').toBe('fr');
		expect(resolveLocale(null, 'fr_CA.UTF-8', null), 'POSIX-style French tags are French').toBe('fr');
		expect(resolveLocale(null, 'de-DE', 'fr'), 'a non-French system locale means English').toBe('en');
	});

	it('falls back to navigator.language, then English', () => {
		expect(resolveLocale(null, '', 'fr-BE'), 'an empty system locale falls back to the webview language').toBe('fr');
		expect(resolveLocale(null, null, null), 'with nothing known, the UI is in English').toBe('en');
	});
});

describe('reactive t()', () => {
	it('follows setLocale', () => {
		setLocale('fr');
		expect(getLocale(), 'setLocale must update the current locale').toBe('fr');
		expect(t('nav.people'), 'French labels after switching to French').toBe('Personnes');
		setLocale('en');
		expect(t('nav.people'), 'the same call returns English after switching').toBe('People');
	});
});
