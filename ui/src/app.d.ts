// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}

	interface ImportMetaEnv {
		/** '1' installs the in-memory IPC mock (browser development without the Rust side). */
		readonly VITE_MOCK_IPC?: string;
		/** Number of fake people the mock generates (default 120). */
		readonly VITE_MOCK_PEOPLE?: string;
	}
}

export {};
