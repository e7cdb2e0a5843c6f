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
  // The largest form is a peep of at most 4,000 code units; server/http.ts refuses a larger declared body sooner.
  experimental: { serverActions: { bodySizeLimit: '64kb' } },
  async rewrites() {
    return [{ source: '/@:username', destination: '/u/:username' }];
  },
};

export default config;
