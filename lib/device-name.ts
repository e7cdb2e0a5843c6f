import UAParser from 'ua-parser-js';

/** The most of a User-Agent a session keeps (the sessions table's check agrees); real browsers send far less. */
export const USER_AGENT_MAX = 512;

/**
 * A User-Agent header as a session stores it: bounded to USER_AGENT_MAX characters (whole code points, so a cut never
 * leaves half a character), or null when there is none worth keeping.
 */
export function boundUserAgent(header: string | null | undefined): string | null {
  // Sliced first so a huge header costs nothing to split into code points.
  const text = Array.from((header ?? '').slice(0, USER_AGENT_MAX * 2).trim())
    .slice(0, USER_AGENT_MAX)
    .join('');
  return text === '' ? null : text;
}

// ua-parser-js names some browsers and systems as their makers' internal lists do; people know them by these.
const NAMES: Record<string, string> = { 'Mobile Safari': 'Safari', 'Chrome Headless': 'Headless Chrome', 'Mac OS': 'macOS' };
const plain = (name: string) => NAMES[name] ?? name;

/**
 * A person's words for the device a session was opened on: "Firefox on Windows", "Safari on iPhone", "Chrome on
 * Android"; for a program that is not a browser, its own name ("curl"); "Unknown device" when nothing can be told.
 */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os, device } = new UAParser(userAgent).getResult();
  // An iPhone or iPad says more than "iOS"; other phones' model names ("Pixel 8", "SM-S918B") say less than their system.
  const place = device.vendor === 'Apple' && (device.model === 'iPhone' || device.model === 'iPad') ? device.model : os.name && plain(os.name);
  if (browser.name && place) return `${plain(browser.name)} on ${place}`;
  if (browser.name) return plain(browser.name);
  // A program names itself first, as "curl/8.5.0" or "Chitter-CLI/1.0 (…)".
  const program = /^([A-Za-z][\w.-]{0,39})\/\S/.exec(userAgent)?.[1];
  if (program && program !== 'Mozilla') return place ? `${program} on ${place}` : program;
  return place ? `Unknown browser on ${place}` : 'Unknown device';
}
