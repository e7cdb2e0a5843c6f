/** "8 January 2027 at 14:05 UTC": when a held handle or the once-a-month rule ends, to the minute. */
export function formatDay(at: Date): string {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(at);
  return `${day} at ${time} UTC`;
}
