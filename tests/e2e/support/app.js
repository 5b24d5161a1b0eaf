// Helpers shared by the specs: the app's processes, restarting it, its headless CLI, and the UI language.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { appBinary, config } from '../wdio.conf.js';

export { appBinary };

/** The database of this run, made fresh by run.sh (the app got it from tauri-driver's environment). */
export function testDb() {
	const db = process.env.UNISSON_DB;
	if (!db) throw new Error('UNISSON_DB is not set: run the tests through tests/e2e/run.sh');
	return db;
}

/** 'fr' or 'en': the UI language the app picks from the LANG that run.sh gave it. */
export function uiLanguage() {
	return (process.env.E2E_LANG ?? process.env.LANG ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const realBinary = fs.realpathSync(appBinary);

/**
 * Pids of the app processes running on this run's database: the binary under test whose environment carries our
 * UNISSON_DB. Matching on the database leaves alone any Unisson that someone else runs on this machine.
 */
export function appPids() {
	const marker = `UNISSON_DB=${testDb()}`;
	const pids = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const exe = fs.readlinkSync(`/proc/${entry}/exe`).replace(/ \(deleted\)$/, '');
			if (exe !== realBinary) continue;
			const env = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
			if (env.includes(marker)) pids.push(Number(entry));
		} catch {
			// The process ended while we looked, or is not ours to read.
		}
	}
	return pids;
}

/** Waits until no app process runs on this run's database. */
export async function waitForAppExit(timeout = 15_000) {
	await browser.waitUntil(async () => appPids().length === 0, {
		timeout,
		interval: 50,
		timeoutMsg:
			`the app must have exited ${timeout} ms after its session ended (still running: ${appPids().join(', ')}); ` +
			'a new launch would otherwise hand over to it through single-instance, or open the database twice'
	});
}

/**
 * Quits the app and launches it again on the same database: ends the WebDriver session (WebKitWebDriver closes the
 * app), waits until the process is really gone, then starts a new session.
 */
export async function restartApp() {
	await browser.deleteSession();
	await waitForAppExit();
	// reloadSession first tries to delete the (already deleted) session and ignores that error.
	await browser.reloadSession();
}

/** Runs the binary's headless CLI on this run's database and returns the people it lists. */
export function cliPeopleList() {
	const out = execFileSync(appBinary, ['people', 'list', '--db', testDb(), '--format', 'json'], {
		encoding: 'utf8',
		timeout: 30_000
	});
	return JSON.parse(out);
}

/** Runs the binary's headless CLI with these arguments on the given database (the app must not be running on it). */
export function cli(args, db = testDb()) {
	return execFileSync(appBinary, [...args, '--db', db], { encoding: 'utf8', timeout: 30_000 });
}

/** The activities the headless CLI lists on the given database (`unisson activity list --format json`). */
export function cliActivityList(db = testDb()) {
	return JSON.parse(cli(['activity', 'list', '--format', 'json'], db));
}

/**
 * Quits the app and launches it again on another database file (`unisson --db FILE`), for a scenario that sets up
 * its own data with the CLI and must not share the run's database with the other specs. The app still inherits
 * UNISSON_DB from tauri-driver, so appPids() and waitForAppExit() keep finding it; `--db` wins over the variable.
 */
export async function startAppOn(db) {
	await browser.deleteSession();
	await waitForAppExit();
	const caps = config.capabilities[0];
	await browser.reloadSession({
		...caps,
		'tauri:options': { ...caps['tauri:options'], args: ['--db', db] }
	});
}
