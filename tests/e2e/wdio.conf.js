// WebdriverIO 9 configuration for the end-to-end tests of the real Unisson app.
//
// Run it through ./run.sh: that script checks the binary and the drivers, makes a fresh temporary database, starts
// tauri-driver (the app inherits its environment, so UNISSON_DB is set there), runs under Xvfb when there is no
// display, and kills everything at the end. This file only says where tauri-driver listens and what to launch.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

/** The app under test: built with the UI embedded (`npm --prefix ui run build && cargo build -p unisson`). */
export const appBinary = path.resolve(
	process.env.UNISSON_BIN ??
		path.join(process.env.CARGO_TARGET_DIR ?? path.join(repo, 'target'), 'debug', 'unisson')
);

export const config = {
	runner: 'local',
	// tauri-driver, started by run.sh on a free port.
	hostname: '127.0.0.1',
	port: Number(process.env.E2E_DRIVER_PORT ?? 4444),
	specs: ['./specs/**/*.e2e.js'],
	// WebKitWebDriver drives one session at a time, and the scenario shares one database.
	maxInstances: 1,
	capabilities: [
		{
			// tauri-driver 2.x needs no browserName ('wry' works too): it launches this binary under WebKitWebDriver.
			'tauri:options': { application: appBinary },
			// tauri-driver's session offers no BiDi socket (WebdriverIO would fall back anyway): go classic at once.
			'wdio:enforceWebDriverClassic': true
		}
	],
	logLevel: process.env.E2E_LOG_LEVEL ?? 'error',
	bail: 0,
	waitforTimeout: 10_000,
	waitforInterval: 50,
	connectionRetryTimeout: 60_000,
	// A session that cannot start is a real failure (e.g. the app crashed or handed over to another instance).
	connectionRetryCount: 0,
	framework: 'mocha',
	reporters: ['spec'],
	mochaOpts: {
		ui: 'bdd',
		timeout: 60_000,
		// The steps of a scenario build on each other: stop at the first failure.
		bail: true
	},
	// On a failure, keep a screenshot and the page's HTML next to the database (run.sh sets E2E_ARTIFACTS).
	afterTest: async (test, _context, { passed }) => {
		const dir = process.env.E2E_ARTIFACTS;
		if (passed || !dir) return;
		const name = test.title.replace(/[^\w-]+/g, '-').slice(0, 60);
		try {
			await browser.saveScreenshot(path.join(dir, `${name}.png`));
			fs.writeFileSync(path.join(dir, `${name}.html`), await browser.getPageSource());
			console.error(`e2e: screenshot and page source in ${dir}/${name}.{png,html}`);
		} catch (e) {
			console.error(`e2e: no screenshot (the session may be gone): ${e.message}`);
		}
	}
};
