// Scenario (issue): create a shadowing day through the form and see it on the board; drag it onto a day where the
// host is already booked and see the clash warning; confirm, and the move is saved and audited.
//
// Data: three people imported with the headless CLI into a database of this spec's own (the other specs keep the
// run's fresh database), then the app is launched on it with `unisson --db FILE`. Both visits are created through
// the form: Louis visits Sophie on day B (morning), then Marie visits Sophie on day A (morning); Marie's day is
// dragged onto day B, where Sophie already hosts Louis: host capacity (1 visitor per half-day by default) is a
// warning, Marie herself is free on day B, so the move only needs confirming.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, cliActivityList, startAppOn, uiLanguage, waitForAppExit } from '../support/app.js';

const sel = {
	navPlanning: '[data-testid="nav-planning"]',
	board: '[data-testid="board"]',
	row: '[data-testid="board-row"]',
	newActivity: '[data-testid="activity-new"]',
	form: '[data-testid="activity-form"]',
	kind: '[data-testid="activity-kind"]',
	visitor: '[data-testid="picker-visitor"]',
	host: '[data-testid="picker-host"]',
	option: '[data-testid="picker-option"]',
	date: '[data-testid="activity-date"]',
	halfDay: '[data-testid="activity-halfday"]',
	save: '[data-testid="activity-save"]',
	findings: '[data-testid="findings"]',
	finding: '[data-testid="finding"]',
	moveDialog: '[data-testid="move-dialog"]',
	moveConfirm: '[data-testid="move-confirm"]'
};

const lang = uiLanguage();
const messages = { fr: { planningTitle: 'Planification' }, en: { planningTitle: 'Planning' } }[lang];

// The app's default zone (Settings) on a fresh database: the board, the form and the CLI's days are in it.
const ZONE = 'Europe/Paris';

const team = {
	marie: { fullName: 'Marie Martin', email: 'marie.martin@unisson.test', department: 'marketing', team: 'Produit' },
	louis: { fullName: 'Louis Bernard', email: 'louis.bernard@unisson.test', department: 'marketing', team: 'Marque' },
	sophie: { fullName: 'Sophie Durand', email: 'sophie.durand@unisson.test', department: 'sales', team: 'Ventes Sud-Ouest' }
};

// ---------- days (YYYY-MM-DD in the app's zone) ----------

function dayIn(zone, instant = new Date()) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
function addDays(day, n) {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}
function isWeekend(day) {
	const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
	return wd === 0 || wd === 6;
}
function nextWorkingDay(day) {
	let d = addDays(day, 1);
	while (isWeekend(d)) d = addDays(d, 1);
	return d;
}

// The Planning page opens on the week of today (Monday first) and shows 30 days; A and B are the next two working
// days after today, so both are in the future and on the board without paging.
// The app takes UNISSON_NOW as its clock when the run fixes it (it inherits this environment through tauri-driver).
const today = dayIn(ZONE, process.env.UNISSON_NOW ? new Date(process.env.UNISSON_NOW) : new Date());
const dayA = nextWorkingDay(today);
const dayB = nextWorkingDay(dayA);

// ---------- board helpers ----------

const rowSel = (personId) => `${sel.row}[data-person-id="${personId}"]`;
const itemSel = (personId, activityId) => `${rowSel(personId)} [data-testid="board-item"][data-activity-id="${activityId}"]`;
const cellSel = (personId, day) => `${rowSel(personId)} [data-testid="board-cell"][data-date="${day}"]`;

/**
 * The day of the column under an item's left edge in a person's row, or null when the row shows no such item. Items
 * are absolutely placed over the row's cells (left = column × width), so the cell under the item is its day.
 */
async function itemDay(personId, activityId) {
	return browser.execute(
		(rowQuery, itemQuery) => {
			const row = document.querySelector(rowQuery);
			const item = row?.querySelector(itemQuery);
			if (!row || !item) return null;
			const x = item.getBoundingClientRect().left + 2;
			for (const cell of row.querySelectorAll('[data-testid="board-cell"]')) {
				const r = cell.getBoundingClientRect();
				if (x >= r.left && x < r.right) return cell.getAttribute('data-date');
			}
			return 'outside the row';
		},
		rowSel(personId),
		`[data-testid="board-item"][data-activity-id="${activityId}"]`
	);
}

/** Waits until the item is shown, settled (not pending, draggable again), on that day in that person's row. */
async function waitItemOn(personId, activityId, day, why) {
	await browser.waitUntil(
		async () => {
			const item = await $(itemSel(personId, activityId));
			if (!(await item.isExisting())) return false;
			return (await item.getAttribute('data-draggable')) === 'true' && (await itemDay(personId, activityId)) === day;
		},
		{
			timeoutMsg: `${why}: activity ${activityId} must be shown, settled, on ${day} in the row of person ${personId}`
		}
	);
}

async function activityIdsIn(personId) {
	const ids = [];
	for (const item of await $$(`${rowSel(personId)} [data-testid="board-item"]`)) {
		ids.push(Number(await item.getAttribute('data-activity-id')));
	}
	return ids;
}

// ---------- form helpers ----------

/** Types a name into a person picker and chooses that person's option. */
async function pick(form, pickerSel, person) {
	const input = await form.$(pickerSel);
	await input.click();
	await input.setValue(person.fullName);
	const option = await form.$(`${sel.option}[data-person-id="${person.id}"]`);
	await option.waitForDisplayed({ timeoutMsg: `typing “${person.fullName}” must offer that person in ${pickerSel}` });
	await option.click();
	await browser.waitUntil(async () => (await input.getValue()) === person.fullName, {
		timeoutMsg: `choosing ${person.fullName} must put the name in ${pickerSel} (the choice was taken)`
	});
}

/**
 * Sets the form's date field and checks that it took the value. WebKitGTK draws <input type="date"> as separate
 * month/day/year segments, and typing "2026-12-01" into it with setValue() lands as 0001-12-12; so the value is set
 * the way the control itself would set it (value, then the input and change events Svelte listens to).
 */
async function setDay(form, day) {
	const input = await form.$(sel.date);
	await browser.execute(
		(el, value) => {
			el.value = value;
			el.dispatchEvent(new Event('input', { bubbles: true }));
			el.dispatchEvent(new Event('change', { bubbles: true }));
		},
		input,
		day
	);
	assert.equal(await input.getValue(), day, `the date field must hold the day typed into it (${day})`);
}

/** Waits until the live clash check has answered and returns its findings as {rule, severity}. */
async function settledFindings(scope) {
	const list = await scope.$(sel.findings);
	await browser.waitUntil(async () => (await list.getAttribute('aria-busy')) === 'false', {
		timeoutMsg: 'the live clash check must answer once the form is filled in'
	});
	return findingsIn(list);
}

async function findingsIn(scope) {
	const out = [];
	for (const f of await scope.$$(sel.finding)) {
		out.push({ rule: await f.getAttribute('data-rule'), severity: await f.getAttribute('data-severity') });
	}
	return out;
}

/** Opens the form from "New activity", fills in a morning shadowing day and saves it; returns nothing. */
async function createShadowing({ visitor, host, day }) {
	await $(sel.newActivity).click();
	const form = await $(sel.form);
	await form.waitForDisplayed({ timeoutMsg: '"New activity" must open the activity form' });
	await form.$(sel.kind).selectByAttribute('value', 'shadowing');
	assert.equal(await form.getAttribute('data-kind'), 'shadowing', 'the form must switch to a shadowing day');
	await pick(form, sel.visitor, visitor);
	await pick(form, sel.host, host);
	await setDay(form, day);
	await form.$(sel.halfDay).selectByAttribute('value', 'am');
	assert.equal(await form.$(sel.halfDay).getValue(), 'am', 'the half-day select must hold the morning');

	const findings = await settledFindings(form);
	assert.deepEqual(
		findings,
		[],
		`${visitor.fullName} visiting ${host.fullName} on ${day} (morning) must raise no finding before the move: ` +
			`got ${JSON.stringify(findings)}`
	);
	await form.$(sel.save).click();
	await $(sel.form).waitForExist({
		reverse: true,
		timeoutMsg: `a shadowing day without findings must save at once and close the form (no "Save anyway")`
	});
}

// ---------- the scenario ----------

describe('Planning: create a shadowing day, drag it onto a booked host, confirm the warning', () => {
	let db;
	let movedId;
	let firstId;

	before(() => {
		assert.ok(isWeekend(dayA) === false && isWeekend(dayB) === false, 'days A and B must be working days');
		const dir = process.env.E2E_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'unisson-e2e-planning.'));
		db = path.join(dir, 'planning.sqlite');
		fs.rmSync(db, { force: true });
		console.log(`e2e planning: today ${today} (${ZONE}), day A ${dayA}, day B ${dayB}, database ${db}`);
	});

	it('sets up three people with the headless CLI and opens the app on that database', async () => {
		const csv = path.join(path.dirname(db), 'planning-people.csv');
		fs.writeFileSync(
			csv,
			['full_name;email;department;team', ...Object.values(team).map((p) => [p.fullName, p.email, p.department, p.team].join(';'))].join('\n') + '\n'
		);
		cli(['init'], db); // only init and demo create a database; an import needs one
		const report = JSON.parse(cli(['people', 'import', csv, '--create-missing'], db));
		assert.equal(report.created, 3, `the CLI import must create the three people: ${JSON.stringify(report.errors)}`);
		const people = JSON.parse(cli(['people', 'list', '--format', 'json'], db));
		for (const p of Object.values(team)) {
			p.id = people.find((row) => row.email === p.email)?.id;
			assert.ok(p.id, `the CLI must list ${p.email} after the import`);
		}
		assert.deepEqual(cliActivityList(db), [], 'the scenario starts with no activity at all');

		await startAppOn(db);
		await browser.waitUntil(async () => /Unisson$/.test(await browser.getTitle()), {
			timeoutMsg: 'the window title must end with "Unisson": the app must have started on the planning database'
		});
	});

	it('opens Planning on a board that shows days A and B for the three people', async () => {
		const nav = await $(sel.navPlanning);
		await nav.waitForClickable({ timeoutMsg: 'the sidebar must offer Planning once the app has started' });
		await nav.click();
		await $(sel.board).waitForDisplayed({ timeoutMsg: 'the Planning page must show the board' });
		await browser.waitUntil(async () => (await browser.getTitle()).startsWith(messages.planningTitle), {
			timeoutMsg: `the title must name the Planning page (“${messages.planningTitle}”)`
		});
		await browser.waitUntil(async () => (await $$(sel.row)).length === 3, {
			timeoutMsg: 'the board must show one row per person of the planning database (3)'
		});
		for (const p of Object.values(team)) {
			for (const day of [dayA, dayB]) {
				assert.ok(
					await $(cellSel(p.id, day)).isExisting(),
					`the default window (week of ${today}, 30 days) must show ${day} in ${p.fullName}’s row`
				);
			}
		}
		assert.equal((await $$('[data-testid="board-item"]')).length, 0, 'the board starts empty');
	});

	it('books the host on day B through the form (Louis visits Sophie, morning)', async () => {
		await createShadowing({ visitor: team.louis, host: team.sophie, day: dayB });
		await browser.waitUntil(async () => (await activityIdsIn(team.louis.id)).length === 1, {
			timeoutMsg: 'the saved visit must appear in the visitor’s row'
		});
		[firstId] = await activityIdsIn(team.louis.id);
		await waitItemOn(team.louis.id, firstId, dayB, 'the first visit was saved for day B');
		await waitItemOn(team.sophie.id, firstId, dayB, 'the host’s row shows the visit she hosts');
	});

	it('creates the shadowing day through the form and sees it in the host’s and the visitor’s rows on day A', async () => {
		await createShadowing({ visitor: team.marie, host: team.sophie, day: dayA });
		await browser.waitUntil(async () => (await activityIdsIn(team.marie.id)).length === 1, {
			timeoutMsg: 'the new shadowing day must appear in Marie’s (the visitor’s) row'
		});
		[movedId] = await activityIdsIn(team.marie.id);
		assert.notEqual(movedId, firstId, 'the new shadowing day must be a new activity');
		await waitItemOn(team.marie.id, movedId, dayA, 'the shadowing day was created for day A');
		await waitItemOn(team.sophie.id, movedId, dayA, 'the host’s row must show the day she hosts');
		const item = await $(itemSel(team.marie.id, movedId));
		assert.ok(await item.isDisplayed(), 'the new item must be visible on the board');
		assert.equal(await item.getAttribute('data-kind'), 'shadowing', 'the new item must be a shadowing day');
		assert.equal(await item.getAttribute('data-draggable'), 'true', 'a planned shadowing day can be moved');
		const label = await item.getAttribute('aria-label');
		assert.ok(label && label.length > 0, 'the item must describe itself for assistive technology');
	});

	it('drags it onto day B (pointer) and sees the host-capacity warning', async () => {
		const item = await $(itemSel(team.marie.id, movedId));
		const target = await $(cellSel(team.marie.id, dayB));
		await item.scrollIntoView({ block: 'nearest', inline: 'nearest' });
		// pointerdown on the item, a first small move past the 4 px threshold, then onto day B's cell, pointerup.
		await browser
			.action('pointer', { parameters: { pointerType: 'mouse' } })
			.move({ origin: item })
			.down({ button: 0 })
			.move({ origin: item, x: 6, y: 0, duration: 50 })
			.move({ origin: target, duration: 150 })
			.up({ button: 0 })
			.perform();

		const dialog = await $(sel.moveDialog);
		await dialog.waitForDisplayed({
			timeoutMsg: `dropping Marie’s day on ${dayB}, where Sophie already hosts Louis, must ask for confirmation`
		});
		await browser.waitUntil(async () => (await findingsIn(dialog)).length > 0, {
			timeoutMsg: 'the confirmation must list the findings of the move'
		});
		const findings = await findingsIn(dialog);
		const capacity = await dialog.$(`${sel.finding}[data-rule="host_capacity"][data-severity="warning"]`);
		assert.ok(
			await capacity.isDisplayed(),
			`the move must warn that Sophie would host two visitors in the same half-day: got ${JSON.stringify(findings)}`
		);
		assert.ok(
			findings.every((f) => f.severity === 'warning'),
			`the move must raise warnings only (Marie is free on ${dayB}, so no double booking): got ${JSON.stringify(findings)}`
		);
		const text = (await capacity.getProperty('textContent')).replace(/\s+/g, ' ').trim();
		assert.ok(text.includes(team.sophie.fullName), `the host-capacity warning must name the host: got “${text}”`);
		assert.ok(await dialog.$(sel.moveConfirm).isDisplayed(), 'a warning must offer to confirm the move');
	});

	it('confirms, and the item is on day B in both rows', async () => {
		await $(sel.moveConfirm).click();
		await $(sel.moveDialog).waitForDisplayed({ reverse: true, timeoutMsg: 'confirming must close the dialog' });
		await waitItemOn(team.marie.id, movedId, dayB, 'the confirmed move must be saved and the board reloaded');
		await waitItemOn(team.sophie.id, movedId, dayB, 'the host’s row must show the moved day on day B too');
		await waitItemOn(team.sophie.id, firstId, dayB, 'the host’s first visit must stay where it was');
	});

	it('saved the move and audited the confirmed warning (CLI and sqlite3, with the app closed)', async () => {
		await browser.deleteSession();
		await waitForAppExit();

		const activities = cliActivityList(db);
		const moved = activities.find((a) => a.id === movedId);
		assert.ok(moved, `the CLI must list the moved activity ${movedId}`);
		assert.equal(moved.kind, 'shadowing', 'the moved activity is the shadowing day');
		assert.equal(dayIn(moved.zone, new Date(moved.start)), dayB, `the stored start (${moved.start}) must be on day B`);
		assert.equal(moved.halfDay, 'am', 'the move must keep the morning');
		assert.equal(moved.sequence, 1, 'a move changes the time, so the invite SEQUENCE goes from 0 to 1');
		const roles = Object.fromEntries(moved.participants.map((p) => [p.email, p.role]));
		assert.deepEqual(
			roles,
			{ [team.marie.email]: 'visitor', [team.sophie.email]: 'host' },
			'the move must keep the visitor and the host'
		);
		const first = activities.find((a) => a.id === firstId);
		assert.ok(first, `the CLI must list the first visit ${firstId}`);
		assert.equal(dayIn(first.zone, new Date(first.start)), dayB, 'the first visit must still be on day B');
		assert.equal(first.sequence, 0, 'the first visit was never changed');

		const rows = JSON.parse(
			execFileSync(
				'sqlite3',
				['-json', db, `SELECT action, after FROM audit WHERE entity='activity' AND entity_id=${movedId} ORDER BY id`],
				{ encoding: 'utf8', timeout: 30_000 }
			) || '[]'
		);
		assert.deepEqual(
			rows.map((r) => r.action),
			['create', 'update'],
			'the audit must hold the creation through the form and the one update of the move'
		);
		const after = JSON.parse(rows[1].after);
		assert.ok(Array.isArray(after.confirmedWarnings), 'the audited update must record which warnings were confirmed');
		assert.deepEqual(
			after.confirmedWarnings.map((f) => [f.rule, f.severity]),
			[['host_capacity', 'warning']],
			'the audited update must record that the host-capacity warning was confirmed, and nothing else'
		);
		assert.deepEqual(
			after.confirmedWarnings[0].activities,
			[firstId],
			'the confirmed warning must name the visit Sophie already hosts on day B (Louis’s)'
		);
		assert.equal(
			dayIn(ZONE, new Date(after.activity.start)),
			dayB,
			'the audited state after the update must start on day B'
		);
	});
});
