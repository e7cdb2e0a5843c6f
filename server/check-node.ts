// The oldest Node.js Chitter runs on, read from package.json's engines.node (">=22.12"). The server entry calls
// assertSupportedNode() first thing, so an old Node stops with one line that says what to do instead of a stack trace
// from whichever dependency first trips over it. Kept to syntax and APIs that any Node still in use can run.
import packageJson from '../package.json' with { type: 'json' };

/** The first version in an engines range such as ">=22.12" or ">=22.12.0", as "22.12" or "22.12.0". */
export function floorOf(range: string): string {
  const match = /\d+(?:\.\d+){0,2}/.exec(range);
  if (!match) throw new Error(`package.json engines.node has no version in it: ${JSON.stringify(range)}`);
  return match[0];
}

export const NODE_FLOOR = floorOf(packageJson.engines.node);

function parts(version: string): number[] {
  // "v22.12.0", "22.12.0" or "22.12.0-nightly2025…": major, minor and patch, a missing one counting as 0.
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  return [major, minor, patch];
}

/** Whether Node.js `version` is at least `floor`, both as "22.12.0", "v22.12.0" or "22.12". */
export function isSupportedNode(version: string, floor: string = NODE_FLOOR): boolean {
  const have = parts(version);
  const need = parts(floor);
  for (let i = 0; i < 3; i++) if (have[i] !== need[i]) return have[i] > need[i];
  return true;
}

/**
 * On a Node.js older than the floor, prints one line to stderr saying what to install and exits 1. Call it with no
 * arguments; they are there so a test can show the refusal without an old Node at hand.
 */
export function assertSupportedNode(version: string = process.versions.node, floor: string = NODE_FLOOR): void {
  if (isSupportedNode(version, floor)) return;
  process.stderr.write(
    `Chitter needs Node.js ${floor} or later; this is ${version.replace(/^v/, '')}. Install Node ${floor.split('.')[0]} LTS (https://nodejs.org) and try again.\n`,
  );
  process.exit(1);
}
