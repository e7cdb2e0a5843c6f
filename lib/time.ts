const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Building an Intl.DateTimeFormat costs far more than using one, and a timeline formats a hundred times a render.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat('en-US', options)));
  return f;
}

/** Twitter-style short time: "now", "3m", "2h", "Nov 20", or "Nov 20, 2025" for another year. */
export function formatRelativeTime(date: Date, now: Date, timeZone?: string): string {
  const age = now.getTime() - date.getTime();
  if (age < MINUTE) return 'now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)}m`;
  if (age < DAY) return `${Math.floor(age / HOUR)}h`;
  const sameYear = yearOf(date, timeZone) === yearOf(now, timeZone);
  return formatter({ month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), timeZone }).format(date);
}

/** The full date and time, for a tooltip. */
export function formatFullTime(date: Date, timeZone?: string): string {
  return formatter({ year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(date);
}

function yearOf(date: Date, timeZone?: string): string {
  return formatter({ year: 'numeric', timeZone }).format(date);
}
