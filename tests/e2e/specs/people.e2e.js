// Scenario (issue): start on a temporary database, add a person through the form, see them listed, restart the app,
// and they are still there; an invalid email shows the inline error and saves nothing.
import assert from 'node:assert/strict';
import { appPids, cliPeopleList, restartApp, testDb, uiLanguage, waitForAppExit } from '../support/app.js';

const sel = {
	navPeople: '[data-testid="nav-people"]',
	add: '[data-testid="people-add"]',
	count: '[data-testid="people-count"]',
	row: '[data-testid="people-row"]',
	form: '[data-testid="person-form"]',
	save: '[data-testid="person-save"]',
	cancel: '[data-testid="person-cancel"]',
	emailError: '[data-testid="error-email"]'
};

const lang = uiLanguage();
const messages = {
	fr: { peopleTitle: 'Personnes', invalidEmail: 'Cette adresse e-mail n’est pas valide.' },
	en: { peopleTitle: 'People', invalidEmail: 'This email address is not valid.' }
}[lang];

// A name with an accent: the text must come through the form, IPC, SQLite and the CLI unchanged.
const valid = {
	fullName: 'Camille Lefèvre',
	email: 'camille.lefevre@unisson.test',
	department: 'sales',
	team: 'Ventes Sud-Ouest'
};
const invalid = {
	fullName: 'Adresse Invalide',
	email: 'not-an-email',
	department: 'marketing',
	team: 'Produit'
};

/** Goes to People through the sidebar and waits until the list has loaded; returns the count it shows. */
async function openPeople() {
	const nav = await $(sel.navPeople);
	await nav.waitForClickable({ timeoutMsg: 'the sidebar must offer People once the app has started' });
	await nav.click();
	await $(sel.add).waitForDisplayed({ timeoutMsg: 'the People page must show its "Add" button' });
	return peopleCount();
}

/** The number at the start of the count line, once loading is over ("3 personnes", "1 person"). */
async function peopleCount() {
	const count = await $(sel.count);
	await browser.waitUntil(async () => /^\d/.test((await count.getText()).trim()), {
		timeoutMsg: 'the people count must show a number once the list has loaded'
	});
	return Number.parseInt((await count.getText()).trim(), 10);
}

/**
 * The row whose text contains this email, or null. Reads textContent: WebKitWebDriver's getText leaves out the text of
 * some cells that are plainly on screen (name, department and team), so it cannot be trusted to say what a row shows;
 * isDisplayed() says whether the row itself is visible.
 */
async function rowWithEmail(email) {
	for (const row of await $$(sel.row)) {
		if ((await rowText(row)).includes(email)) return row;
	}
	return null;
}

async function rowText(row) {
	return (await row.getProperty('textContent')).replace(/\s+/g, ' ').trim();
}

async function fillPersonForm(person) {
	const form = await $(sel.form);
	await form.waitForDisplayed({ timeoutMsg: 'clicking "Add" must open the person form' });
	await form.$('input[name="fullName"]').setValue(person.fullName);
	await form.$('input[name="email"]').setValue(person.email);
	await form.$('select[name="department"]').selectByAttribute('value', person.department);
	await form.$('input[name="team"]').setValue(person.team);
	// Read the fields back, so that a failure later is not blamed on typing.
	assert.equal(
		await form.$('input[name="fullName"]').getValue(),
		person.fullName,
		'the name field must hold what was typed (accents included)'
	);
	assert.equal(await form.$('input[name="email"]').getValue(), person.email, 'the email field must hold what was typed');
	assert.equal(
		await form.$('select[name="department"]').getValue(),
		person.department,
		'the department select must hold the chosen department'
	);
	assert.equal(await form.$('input[name="team"]').getValue(), person.team, 'the team field must hold what was typed');
	return form;
}

describe('People: add, survive a restart, reject an invalid email', () => {
	let countAfterAdd;

	it('starts the real app, with the embedded UI, on the temporary database', async () => {
		await browser.waitUntil(async () => /Unisson$/.test(await browser.getTitle()), {
			timeoutMsg: 'the window title must end with "Unisson": the app’s page must have loaded'
		});
		const url = await browser.getUrl();
		assert.match(
			url,
			/^tauri:\/\/localhost/,
			`the window must show the UI embedded in the binary (tauri://localhost), not a dev server: got ${url}; ` +
				'build with `npm --prefix ui run build && cargo build -p unisson`'
		);
		assert.equal(
			appPids().length,
			1,
			`exactly one app process must run on the test database ${testDb()} (the one WebDriver launched)`
		);
		// The root layout applies the language once it has read the settings and the system locale from the shell.
		await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === lang, {
			timeoutMsg: `the UI language must follow the system locale given to the app (${process.env.E2E_LANG} → ${lang})`
		});
	});

	it('lists nobody on the fresh database', async () => {
		const count = await openPeople();
		assert.equal(count, 0, 'a fresh temporary database holds no people');
		assert.equal((await $$(sel.row)).length, 0, 'a fresh temporary database shows no person rows');
		await browser.waitUntil(async () => (await browser.getTitle()).startsWith(messages.peopleTitle), {
			timeoutMsg: `the title must name the People page (“${messages.peopleTitle}”) after clicking People in the sidebar`
		});
	});

	it('adds a person through the form and lists them', async () => {
		const before = await peopleCount();
		await $(sel.add).click();
		await fillPersonForm(valid);
		await $(sel.save).click();

		await $(sel.form).waitForExist({
			reverse: true,
			timeoutMsg: 'a valid person must save and close the form'
		});
		await browser.waitUntil(async () => (await rowWithEmail(valid.email)) !== null, {
			timeoutMsg: `the new person (${valid.email}) must appear in the list after saving`
		});
		const row = await rowWithEmail(valid.email);
		assert.ok(await row.isDisplayed(), 'the new person’s row must be visible');
		const text = await rowText(row);
		assert.ok(text.includes(valid.fullName), `the row must show the full name “${valid.fullName}”: got “${text}”`);
		assert.ok(text.includes(valid.team), `the row must show the team “${valid.team}”: got “${text}”`);

		countAfterAdd = await peopleCount();
		assert.equal(countAfterAdd, before + 1, 'the people count must go up by one after adding a person');
	});

	it('still lists them after the app restarts on the same database', async () => {
		const firstPid = appPids()[0];
		await restartApp();
		const pids = appPids();
		assert.equal(pids.length, 1, 'exactly one app process must run after the restart');
		assert.notEqual(pids[0], firstPid, 'the restart must have launched a new process, not reused the old one');

		const count = await openPeople();
		assert.equal(count, countAfterAdd, 'the count after a restart must equal the count before it: the save was persisted');
		const row = await rowWithEmail(valid.email);
		assert.ok(row, `the person added before the restart (${valid.email}) must still be listed`);
		assert.ok((await rowText(row)).includes(valid.fullName), 'the persisted row must keep the full name with its accents');
	});

	it('shows the inline error for an invalid email, keeps the form open and saves nothing', async () => {
		const before = await peopleCount();
		await $(sel.add).click();
		const form = await fillPersonForm(invalid);
		await $(sel.save).click();

		const error = await $(sel.emailError);
		await error.waitForDisplayed({ timeoutMsg: `saving with the email “${invalid.email}” must show the inline email error` });
		assert.equal(
			(await error.getText()).trim(),
			messages.invalidEmail,
			`the inline email error must explain the problem in the UI language (${lang})`
		);
		assert.equal(
			await form.$('input[name="email"]').getAttribute('aria-invalid'),
			'true',
			'the email field must be marked invalid for assistive technology'
		);
		assert.ok(await form.isDisplayed(), 'the form must stay open so that the user can fix the email');
		assert.equal(
			await form.$('input[name="email"]').getValue(),
			invalid.email,
			'the form must keep what the user typed after a failed save'
		);

		await $(sel.cancel).click();
		await $(sel.form).waitForExist({ reverse: true, timeoutMsg: 'Cancel must close the person form' });
		assert.equal(await peopleCount(), before, 'a rejected person must not change the people count');
		assert.equal(await rowWithEmail(invalid.email), null, `no row with the rejected email “${invalid.email}” may appear`);
		assert.ok(await rowWithEmail(valid.email), 'the person added earlier must still be listed');
	});

	it('wrote the valid person to the database and not the invalid one (checked with the headless CLI)', async () => {
		// Quit the app first: the CLI then reads what was committed to the file, not anything held by the window.
		await browser.deleteSession();
		await waitForAppExit();

		const people = cliPeopleList();
		assert.ok(Array.isArray(people), '`unisson people list --format json` must print a JSON array');
		const saved = people.find((p) => p.email === valid.email);
		assert.ok(saved, `the database must hold the person added through the form (${valid.email})`);
		assert.equal(saved.fullName, valid.fullName, 'the stored name must be exactly what was typed, accents included');
		assert.equal(saved.department, valid.department, 'the stored department must be the one chosen in the form');
		assert.equal(saved.team, valid.team, 'the stored team must be the one typed in the form');
		assert.equal(saved.active, true, 'a person added through the form is active by default');
		assert.equal(
			people.filter((p) => p.email.toLowerCase() === invalid.email).length,
			0,
			`the database must hold nobody with the rejected email “${invalid.email}”`
		);
		assert.equal(people.length, 1, 'the database must hold exactly the one person the scenario saved');
	});
});
