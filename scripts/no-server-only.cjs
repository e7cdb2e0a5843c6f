// Command-line scripts run outside Next.js, where `import 'server-only'` would throw; they are server code anyway.
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'server-only') return require.resolve('./empty.cjs');
  return resolve.call(this, request, ...rest);
};
