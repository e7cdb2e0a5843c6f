// Its own settings, so that the reference does not take Chitter's (Next.js looks for a config up the tree).
const config = {};

export default config;
