import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The console is served by the gateway from classpath:/static (ADR 0026): Vite writes the bundle into the
// Maven module's target/classes/static, so the module's jar carries it into the bootstrap jar.
export default defineConfig({
  plugins: [react()],
  base: '/',
  root: 'src/main/web',
  build: {
    outDir: '../../../target/classes/static', // relative to root: the module's target/classes/static
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // libraries in chunks of their own: they change less often than the pages, so browsers keep them cached
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (id.includes('chart.js') || id.includes('react-chartjs-2')) return 'charts';
          if (id.includes('@mui') || id.includes('@emotion')) return 'mui';
          return 'react';
        },
      },
    },
  },
  server: {
    // `npm run dev` against a gateway on 8080
    proxy: { '/api': 'http://127.0.0.1:8080', '/graphql': 'http://127.0.0.1:8080', '/v1': 'http://127.0.0.1:8080',
      '/console': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    testTimeout: 20000,
  },
});
