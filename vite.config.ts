import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src/web',
  // src/web/public holds the citizen pages' source, not static files to copy.
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      // The citizen pages (/p/…) are a separate light entry: no staff code, no Ant Design.
      input: { index: 'src/web/index.html', public: 'src/web/public.html' },
      output: {
        // React changes rarely; keeping it apart lets browsers cache it across releases. Ant Design is left
        // to the default splitting so pages load only the components they use.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            // Apart from React so the citizen pages, which route by hand, do not download it.
            { name: 'react-router', test: /node_modules[\\/](react-router|react-router-dom)[\\/]/, priority: 3 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
