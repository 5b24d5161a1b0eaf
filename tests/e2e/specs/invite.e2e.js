// Scenario (issue 4): open an upcoming training of the demo, click "Invite", and the preview shows the REQUEST that
// the export would write: a VCALENDAR whose ATTENDEEs are exactly the training's participants (removed and
// waitlisted people left out), each with their name as CN, and the organizer. The folder dialogs of "Export
// invites…" are native and cannot be driven under Xvfb, so the export itself is covered by the interop tests.
//
// Data: `unisson demo` into a database of this spec's own, then the app is launched on it with `unisson --db FILE`;
// the expected participants come from `unisson activity list` on the same file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, cliActivityList, startAppOn } from '../support/app.js';

const sel = {
	navTrainings: '[data-testid="nav-trainings"]',
	row: '[data-testid="training-row"]',
	detail: '[data-testid="training-detail"]',
	edit: '[data-testid="training-edit"]',
	form: '[data-testid="activity-form"]',
	invite: '[data-testid="invite-preview"]',
	text: '[data-testid="invite-text"]',
	close: '[data-testid="invite-close"]'
};

/** The content lines of an .ics text, unfolded (RFC 5545 §3.1: CRLF followed by a space or a tab continues a line). */
function unfolded(text) {
	return text
		.replace(/\r?\n[ \t]/g, '')
		.split(/\r?\n/)
		.filter((l) => l.length > 0);
}

/** A parameter value as written: quoted (RFC 6868 ^' ^n ^^ decoded) or bare. */
function param(line, name) {
	const m = line.match(new RegExp(`;${name}=("([^"]*)"|[^;:]*)`));
	if (!m) return null;
	if (m[2] === undefined) return m[1];
	return m[2].replace(/\^(['n^])/g, (_, c) => ({ "'": '"', n: '\n', '^': '^' })[c]);
}

describe('Invite preview', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unisson-invite-'));
	const db = path.join(dir, 'invite.sqlite');

	before(async () => {
		cli(['demo'], db);
		await startAppOn(db);
	});

	after(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('shows the REQUEST of the selected training with its participants as attendees', async () => {
		const nav = await $(sel.navTrainings);
		await nav.waitForClickable({ timeoutMsg: 'the sidebar must offer Trainings once the app has started' });
		await nav.click();
		await $(sel.row).waitForDisplayed({ timeoutMsg: 'the demo has upcoming trainings, listed on the Trainings page' });
		let row = null;
		for (const r of await $$(sel.row)) {
			if (!(await r.getAttribute('class')).split(/\s+/).includes('cancelled')) {
				row = r;
				break;
			}
		}
		assert.ok(row, 'the demo has an upcoming training that goes on');
		await row.click();
		const edit = await $(sel.edit);
		await edit.waitForClickable({ timeoutMsg: 'selecting a training shows its detail with an Edit button' });
		await edit.click();
		await $(sel.form).waitForDisplayed({ timeoutMsg: 'Edit opens the activity form' });
		const invite = await $(sel.invite);
		await invite.waitForClickable({ timeoutMsg: 'a stored activity offers "Invite" in its form' });
		await invite.click();

		const pre = await $(sel.text);
		await pre.waitForDisplayed({ timeoutMsg: '"Invite" opens the preview of the invite text' });
		await browser.waitUntil(async () => (await pre.getProperty('textContent')).includes('END:VCALENDAR'), {
			timeoutMsg: 'the preview must show the whole VCALENDAR once the core has written it'
		});
		const lines = unfolded(await pre.getProperty('textContent'));

		assert.equal(lines[0], 'BEGIN:VCALENDAR', 'the preview is an iCalendar file');
		assert.ok(lines.includes('METHOD:REQUEST'), 'an upcoming training is previewed as a REQUEST');
		assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 1, 'a REQUEST carries exactly one VEVENT (Outlook)');
		const uid = lines.find((l) => l.startsWith('UID:'))?.slice(4);
		const activity = cliActivityList(db).find((a) => a.uid === uid);
		assert.ok(activity, `the UID ${uid} must be a stored activity's`);
		assert.equal(activity.kind, 'training', 'the previewed activity is the training that was opened');

		const attendees = lines
			.filter((l) => l.startsWith('ATTENDEE'))
			.map((l) => ({ email: l.slice(l.toLowerCase().lastIndexOf('mailto:') + 7), name: param(l, 'CN') }))
			.sort((a, b) => a.email.localeCompare(b.email));
		const expected = activity.participants
			.filter((p) => !['waitlisted', 'cancelled'].includes(p.status))
			.map((p) => ({ email: p.email, name: p.name }))
			.sort((a, b) => a.email.localeCompare(b.email));
		assert.ok(expected.length > 0, 'the demo training has participants to invite');
		assert.deepEqual(
			attendees,
			expected,
			'the ATTENDEEs are the participants the store holds (not removed, not waitlisted), named by CN'
		);
		assert.ok(
			lines.some((l) => l.startsWith('ORGANIZER;CN=') && l.includes(':mailto:')),
			'a REQUEST names its organizer with a CN'
		);

		await (await $(sel.close)).click();
		await pre.waitForDisplayed({ reverse: true, timeoutMsg: 'Close hides the preview' });
	});
});
