import { redirect } from '@sveltejs/kit';
import * as api from '$lib/api';
import { landingPage } from '$lib/navigation';
import type { PageLoad } from './$types';

// The app's entry: the welcome on a new database, else the page last used (Planning the first time).
export const load: PageLoad = async ({ parent }) => {
	await parent(); // the layout installs the dev mock backend first
	let isNew = false;
	try {
		isNew = (await api.databaseStatus()).isNew;
	} catch {
		// The pages show the storage error themselves; do not hide them behind the welcome.
	}
	redirect(307, landingPage(isNew, typeof localStorage === 'undefined' ? null : localStorage));
};
