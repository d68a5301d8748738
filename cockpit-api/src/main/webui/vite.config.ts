import { defineConfig } from 'vite';

// Built into the service jar: Quarkus serves META-INF/resources as static files.
export default defineConfig({
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:9503', ws: true } },
  },
});
