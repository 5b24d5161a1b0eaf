// Scenario (issue 7): on Planning, "Suggest a plan" for a period, wait for the proposal (ghosts on the board, reasons
// in the UI's language), accept some of it, and check with the headless CLI that exactly those became planned
// shadowing days; re-run the suggestion and check that it keeps them and only fills around them.
//
// Data: three marketers and three salespeople (no site, so the run allows cross-site visits) imported with the CLI
// into this spec's own database; one exchange per marketer over the visible range from tomorrow.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, cliActivityList, startAppOn, uiLanguage, waitForAppExit } from '../support/app.js';
import { config } from '../wdio.conf.js';

const sel = {
	navPlanning: '[data-testid="nav-planning"]',
	board: '[data-testid="board"]',
	suggest: '[data-testid="plan-suggest"]',
	dialog: '[data-testid="plan-dialog"]',
	crossSite: '[data-testid="plan-cross-site"]',
	weights: '[data-testid="plan-weights"]',
	run: '[data-testid="plan-run"]',
	panel: '[data-testid="plan-panel"]',
	proposal: '[data-testid="plan-proposal"]',
	reason: '[data-testid="plan-reason"]',
	selectNone: '[data-testid="plan-select-none"]',
	acceptSelected: '[data-testid="plan-accept-selected"]',
	discard: '[data-testid="plan-discard"]',
	ghost: '[data-testid="board-item"][data-ghost="true"]'
};

const lang = uiLanguage();
// A fragment every proposal's first reason has here (nobody visited anyone yet: a new team), in the UI language.
const novelty = { fr: 'n’a pas encore rendu visite à', en: 'has not yet visited' }[lang];

const marketers = [
	{ fullName: 'Marie Martin', email: 'marie.martin@plan.test', department: 'marketing', team: 'Produit' },
	{ fullName: 'Louis Bernard', email: 'louis.bernard@plan.test', department: 'marketing', team: 'Marque' },
	{ fullName: 'Anne Petit', email: 'anne.petit@plan.test', department: 'marketing', team: 'Digital' }
];
const sellers = [
	{ fullName: 'Sophie Durand', email: 'sophie.durand@plan.test', department: 'sales', team: 'Ventes Sud-Ouest' },
	{ fullName: 'Paul Leroy', email: 'paul.leroy@plan.test', department: 'sales', team: 'Ventes Nord' },
	{ fullName: 'Julie Moreau', email: 'julie.moreau@plan.test', department: 'sales', team: 'Ventes Est' }
];

/** The proposals the panel lists: { index, visitor, host, start } from the list items' data attributes. */
async function panelProposals() {
	const out = [];
	for (const li of await $$(sel.proposal)) {
		out.push({
			index: Number(await li.getAttribute('data-index')),
			visitor: await li.getAttribute('data-visitor'),
			host: await li.getAttribute('data-host'),
			start: await li.getAttribute('data-start')
		});
	}
	return out;
}

/** The planned shadowing days the CLI lists, as "visitor|host|start" (start as an instant, milliseconds). */
function plannedExchanges(db) {
	return cliActivityList(db)
		.filter((a) => a.kind === 'shadowing' && a.status !== 'cancelled')
		.map((a) => {
			const role = (r) => a.participants.find((p) => p.role === r)?.email;
			return { key: `${role('visitor')}|${role('host')}|${Date.parse(a.start)}`, status: a.status };
		});
}
const keyOf = (p) => `${p.visitor}|${p.host}|${Date.parse(p.start)}`;

/** Opens the dialog, allows cross-site visits, runs, and waits for the proposal on the board. */
async function suggestPlan(expected) {
	const button = await $(sel.suggest);
	await button.waitForClickable({ timeoutMsg: 'the Planning page must offer "Suggest a plan"' });
	await button.click();
	const dialog = await $(sel.dialog);
	// The <dialog> element is always there; `open` says whether it shows.
	await browser.waitUntil(async () => (await dialog.getAttribute('open')) !== null, {
		timeoutMsg: '"Suggest a plan" must open its dialog'
	});
	assert.ok(await $(sel.weights).isExisting(), 'the dialog shows the objective’s weights');
	await $(sel.crossSite).click();
	await $(sel.run).click();
	await browser.waitUntil(async () => (await dialog.getAttribute('open')) === null, {
		timeout: 30_000,
		timeoutMsg: 'the run must finish and close the dialog'
	});
	await $(sel.panel).waitForDisplayed({ timeoutMsg: 'the proposal must open its side panel' });
	await browser.waitUntil(async () => (await $$(sel.proposal)).length === expected, {
		timeoutMsg: `the panel must list ${expected} proposal(s)`
	});
	await browser.waitUntil(async () => (await $$(sel.ghost)).length >= expected, {
		timeoutMsg: `the board must show the ${expected} proposal(s) as ghosts (visitor and host rows)`
	});
}

describe('Planning: suggest a plan, accept some of it, re-run around it', () => {
	let db;
	let accepted;

	before(() => {
		const dir = process.env.E2E_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'unisson-e2e-plan.'));
		db = path.join(dir, 'plan-suggest.sqlite');
		fs.rmSync(db, { force: true });
	});

	it('sets up three marketers and three salespeople with the CLI and opens the app on them', async () => {
		const csv = path.join(path.dirname(db), 'plan-people.csv');
		const rows = [...marketers, ...sellers].map((p) => [p.fullName, p.email, p.department, p.team].join(';'));
		fs.writeFileSync(csv, ['full_name;email;department;team', ...rows].join('\n') + '\n');
		cli(['init'], db); // only init and demo create a database; an import needs one
		const report = JSON.parse(cli(['people', 'import', csv, '--create-missing'], db));
		assert.equal(report.created, 6, `the CLI import must create the six people: ${JSON.stringify(report.errors)}`);
		assert.deepEqual(cliActivityList(db), [], 'the scenario starts with no activity');
		await startAppOn(db);
		const nav = await $(sel.navPlanning);
		await nav.waitForClickable({ timeoutMsg: 'the sidebar must offer Planning once the app has started' });
		await nav.click();
		await $(sel.board).waitForDisplayed({ timeoutMsg: 'the Planning page must show the board' });
	});

	it('suggests one exchange per marketer, shown as ghosts with reasons in the UI language', async () => {
		await suggestPlan(marketers.length);
		const proposals = await panelProposals();
		assert.deepEqual(
			proposals.map((p) => p.visitor).sort(),
			marketers.map((m) => m.email).sort(),
			'each marketer gets exactly one exchange'
		);
		for (const reason of await $$(sel.reason)) {
			const text = await reason.getText();
			assert.ok(text.includes(novelty), `each reason is rendered from its code in ${lang}: got “${text}”`);
		}
		assert.equal(cliActivityList(db).length, 0, 'nothing is written before accepting');
	});

	it('accepts two of the three proposals', async () => {
		const proposals = await panelProposals();
		accepted = [proposals[0], proposals[2]];
		await $(sel.selectNone).click();
		for (const p of accepted) await $(`#plan-proposal-${p.index}`).click();
		const accept = await $(sel.acceptSelected);
		await accept.waitForEnabled({ timeoutMsg: 'ticking proposals enables "Accept selected"' });
		await accept.click();
		await browser.waitUntil(async () => (await $$(sel.proposal)).length === 1, {
			timeoutMsg: 'the two accepted proposals leave the panel; the third stays as a suggestion'
		});
		const [left] = await panelProposals();
		assert.equal(keyOf(left), keyOf(proposals[1]), 'the one left is the one not ticked');
	});

	it('wrote exactly the accepted ones as planned shadowing days (CLI, app closed)', async () => {
		await browser.deleteSession();
		await waitForAppExit();
		const planned = plannedExchanges(db);
		assert.deepEqual(
			planned.map((p) => p.key).sort(),
			accepted.map(keyOf).sort(),
			'the CLI lists exactly the two accepted exchanges (visitor, host, start)'
		);
		assert.ok(
			planned.every((p) => p.status === 'planned'),
			'accepted exchanges are planned activities, ready for invites'
		);
	});

	it('a re-run keeps the accepted exchanges and only fills around them', async () => {
		// The session is already closed: launch the app on the same database again (startAppOn would close it first).
		const caps = config.capabilities[0];
		await browser.reloadSession({ ...caps, 'tauri:options': { ...caps['tauri:options'], args: ['--db', db] } });
		await (await $(sel.navPlanning)).waitForClickable();
		await $(sel.navPlanning).click();
		await $(sel.board).waitForDisplayed();
		await suggestPlan(1);
		const [again] = await panelProposals();
		const done = new Set(accepted.map((p) => p.visitor));
		assert.ok(!done.has(again.visitor), `only the marketer without an exchange is planned again: got ${again.visitor}`);
		await $(sel.discard).click();
		await browser.deleteSession();
		await waitForAppExit();
		assert.deepEqual(
			plannedExchanges(db)
				.map((p) => p.key)
				.sort(),
			accepted.map(keyOf).sort(),
			'the re-run wrote nothing and the accepted exchanges are still there'
		);
	});
});
