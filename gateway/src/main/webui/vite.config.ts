import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

declare const process: { env: Record<string, string | undefined> };
// The Maven build passes FLEETSYNTH_WEBUI_OUT (the gateway's target/classes/META-INF/resources);
// a plain `npm run build` writes to dist/.
function proxy() {
  const gateway = process.env.FLEETSYNTH_GATEWAY ?? 'http://127.0.0.1:8080';
  return {
    '/api': gateway,
    '/q': gateway,
    '/ws': { target: gateway.replace(/^http/, 'ws'), ws: true },
  };
}

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: process.env.FLEETSYNTH_WEBUI_OUT ?? 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: { echarts: ['echarts'] },
      },
    },
  },
  // `npm run dev` against a running gateway (FLEETSYNTH_GATEWAY, default the one of ./fleetsynth up)
  server: { proxy: proxy() },
  preview: { proxy: proxy() },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
