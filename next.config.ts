import type { NextConfig } from 'next';

const config: NextConfig = {
  poweredByHeader: false,
  // scripts/server.mjs stamps a fresh CSP nonce into every HTML response, so responses are neither compressed nor
  // given ETags here (a 304 would pair an old body with a new nonce); put a compressing proxy in front in production.
  compress: false,
  generateEtags: false,
  // PGlite loads its WebAssembly and data files from beside its own module, so it must not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  async rewrites() {
    return [{ source: '/@:username', destination: '/u/:username' }];
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default config;
