import { defineConfig } from 'vite';

// The bundle goes where Spring Boot serves static resources from, so `./mvnw package` puts it in the console jar.
export default defineConfig({
  root: 'web',
  base: '/',
  build: {
    outDir: '../target/classes/static',
    emptyOutDir: true,
    // no inline scripts or styles: the console's Content-Security-Policy allows only 'self'
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
