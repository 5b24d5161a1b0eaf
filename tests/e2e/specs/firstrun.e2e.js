// Scenario (issue 16): a manager's first run. On a new, empty database the app opens on a welcome with three ways in;
// "Explore with demo data" switches the app to the demo organisation, kept in its own file next to the real database
// and labelled "demo" in the window title and the sidebar, while the real database stays empty.
//
// Also the smoke test of the installed package (.ci/release-test runs this spec against the binary unpacked from the
// .deb), so it needs nothing but the binary and run.sh's fresh, empty database.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliPeopleList, testDb, uiLanguage } from '../support/app.js';

const sel = {
	welcome: '[data-testid="welcome"]',
	demo: '[data-testid="welcome-demo"]',
	setup: '[data-testid="welcome-setup"]',
	open: '[data-testid="welcome-open"]',
	steps: '[data-testid="welcome-steps"]',
	demoFlag: '[data-testid="demo-flag"]',
	board: '[data-testid="board"]',
	row: '[data-testid="board-row"]'
};

const lang = uiLanguage();
const messages = {
	fr: { heading: 'Bienvenue dans Unisson', demoLabel: '(démo)', planning: 'Planification', flag: 'Démo' },
	en: { heading: 'Welcome to Unisson', demoLabel: '(demo)', planning: 'Planning', flag: 'Demo' }
}[lang];

describe('First run: a welcome on an empty database, then the demo in its own file', () => {
	it('opens a new database on the welcome, with three ways in', async () => {
		const welcome = await $(sel.welcome);
		await welcome.waitForDisplayed({ timeoutMsg: 'a new (empty) database must open on the welcome, not an empty table' });
		const heading = await welcome.$('h1').getText();
		assert.equal(heading, messages.heading, `the welcome must greet in the UI language (${lang})`);
		for (const way of [sel.setup, sel.demo, sel.open]) {
			assert.ok(await $(way).isDisplayed(), `the welcome must offer ${way}`);
		}
		await browser.waitUntil(async () => /Unisson$/.test(await browser.getTitle()), {
			timeoutMsg: 'the title of a real (non-demo) database ends with "Unisson", without a demo label'
		});
	});

	it('shows the setup steps: sites, who sends the invites, people', async () => {
		await $(sel.setup).click();
		const steps = await $(sel.steps);
		await steps.waitForDisplayed({ timeoutMsg: '"Set up my organisation" must show its steps' });
		assert.equal((await steps.$$('h2')).length, 3, 'setting up has three steps: sites, organiser, people');
	});

	it('explores the demo: data on the board, labelled demo, the real database untouched', async () => {
		await $(sel.demo).click();
		// The app reloads on the demo file and lands on Planning (a new manager's default page).
		const board = await $(sel.board);
		await board.waitForDisplayed({ timeout: 60_000, timeoutMsg: 'after choosing the demo the app must land on the Planning board' });
		await browser.waitUntil(async () => (await $$(sel.row)).length > 0, {
			timeout: 20_000,
			timeoutMsg: 'the demo organisation must show people on the board'
		});
		await browser.waitUntil(async () => (await browser.getTitle()) === `${messages.planning} · Unisson ${messages.demoLabel}`, {
			timeoutMsg: `the window title must name the page and mark the demo ("${messages.planning} · Unisson ${messages.demoLabel}"), got "${await browser.getTitle()}"`
		});
		const flag = await $(sel.demoFlag);
		assert.ok(await flag.isDisplayed(), 'the sidebar must say that this is the demo, on every page');
		assert.match(await flag.getText(), new RegExp(messages.flag, 'i'), 'the demo flag names the demo');

		const demoFile = path.join(path.dirname(testDb()), 'demo.sqlite');
		assert.ok(fs.existsSync(demoFile), `the demo must live in its own file next to the real database (${demoFile})`);
		assert.equal(cliPeopleList().length, 0, 'the real database must stay empty: the demo is never written into it');
	});
});
