// Its own, empty: without it Next.js finds Chitter's instrumentation up the tree and boots Chitter inside the
// reference (migrations, the mail worker), which would no longer be a bare page.
export function register() {}
