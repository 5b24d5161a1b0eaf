import type { LayoutLoad } from './$types';

// SPA: no server rendering, no prerendering; adapter-static writes the index.html fallback.
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async () => {
	// Dev-only in-memory backend. Vite replaces the env value at build time, so in a normal
	// build this branch is dead code and the mock module is not bundled.
	if (import.meta.env.VITE_MOCK_IPC === '1') {
		const { installMockIpc } = await import('$lib/mock/ipc');
		installMockIpc();
	}
	return {};
};
