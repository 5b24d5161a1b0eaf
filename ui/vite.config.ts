import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Tauri expects a fixed dev server port (devUrl http://localhost:1420).
export default defineConfig({
	plugins: [sveltekit()],
	clearScreen: false,
	server: {
		port: 1420,
		strictPort: true,
		watch: { ignored: ['**/src-tauri/**'] }
	},
	build: {
		// WebKitGTK (Tauri on Linux) is Safari-class; keep the output conservative.
		target: 'safari15'
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
