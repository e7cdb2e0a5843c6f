// Plain JavaScript, not TypeScript: a .ts config makes Next.js load its 24 MB SWC compiler into every server process
// at start only to read this file.
/** @type {import('next').NextConfig} */
const config = {
  poweredByHeader: false,
  // Every HTML response carries a fresh CSP nonce (server/http.ts), so none gets an ETag (a 304 would pair an old
  // body with a new nonce); compression is the reverse proxy's job. Security headers are set by server/http.ts.
  compress: false,
  generateEtags: false,
  // PGlite loads its WebAssembly and data files from beside its own module, so it must not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  // The largest form is the profile page's picture upload (2 MB and the form around it, server/http.ts LARGER_BODIES);
  // server/http.ts refuses a larger declared body sooner, and anything over 64 KB on every other path.
  experimental: { serverActions: { bodySizeLimit: '2112kb' } },
  async rewrites() {
    return [{ source: '/@:username', destination: '/u/:username' }];
  },
};

export default config;
