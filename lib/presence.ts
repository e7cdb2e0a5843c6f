/** Someone counts as online for this long after their last request; the panel, the query and the profile dot agree. */
export const ONLINE_WINDOW_MINUTES = 5;
export const ONLINE_WINDOW_MS = ONLINE_WINDOW_MINUTES * 60_000;
/** A request counts as activity, but a person's last-seen time is written at most this often. */
export const LAST_SEEN_WRITE_MS = 60_000;
/** A session's last-active time, shown in the sessions list, is written at most this often (with the last-seen write). */
export const SESSION_ACTIVE_WRITE_MINUTES = 5;
export const SESSION_ACTIVE_WRITE_MS = SESSION_ACTIVE_WRITE_MINUTES * 60_000;
