import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The api serves the build (apps/web/dist) at /; `npm run dev -w @oxyledger/web` proxies the API
// to a local api on port 3000.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
  },
});
