import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { log } from '@/lib/log';

/**
 * The contract between Chitter's HTTP server (server/) and the app that Next.js renders (app/, lib/, auth/).
 * The app tells the server what it learned while rendering (the status a page chose, whose session was seen, that
 * pages changed) and, for the page cache, whose a session cookie is; the server tells the app when it is stopping.
 */
export type RequestState = {
  /** The status the page or action chose; applied only where the response would otherwise go out as 200. */
  status?: number;
  /** Auth.js decoded a session token during this request: its output is personal and is never shared. */
  sawSession: boolean;
  /** The person whose session row this request checked; a page rendered for one person is kept for no other. */
  viewerId?: number;
  /** A message an action left for the page it re-renders (a one-button form has no field to put it beside). */
  notice?: string;
};

export type ServerHooks = {
  /** Drops this process's cached pages now. */
  invalidatePageCache(): void;
  /** Drops this process's pages cached for one person (after a write that changes only what they see, a like). */
  invalidatePersonPages(userId: number): void;
};

/**
 * Who a request's session cookie belongs to, checked as the app checks it, for the page cache: a person with a live
 * session (and the pages' version read in the same query), or `render` when the app must render this request itself
 * (no session, an unreadable or dead one, chunked cookies, a presence update due, or the database unreachable).
 */
export type CacheViewer = { kind: 'person'; id: number; pageVersion: string } | { kind: 'render' };

/** Whether this instance should get traffic: its migrations applied and the database answering. */
export type Readiness = { ready: true } | { ready: false; reason: string };

/** Figures the metrics read from the app when scraped. */
export type AppFigures = {
  outbox: { pending: number; sending: number; failed: number };
  oldestDueSeconds: number;
  pool: { open: number; busy: number; max: number };
};

export type AppHooks = {
  identifyViewer(cookieHeader: string): Promise<CacheViewer>;
  checkReady(): Promise<Readiness>;
  collectMetrics(): Promise<AppFigures>;
  /** Answers GET /api/live and /api/v1/stream (Server-Sent Events) on the raw response, before Next.js sees the request. */
  serveLive(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The methods an /api/v1 path takes, or null when there is no endpoint there. */
  apiMethods(pathname: string): readonly string[] | null;
};

type ShutdownTask = () => Promise<void> | void;

type Shared = {
  requests: AsyncLocalStorage<RequestState>;
  hooks: ServerHooks | null;
  appHooks: AppHooks | null;
  stoppingTasks: ShutdownTask[];
  shutdownTasks: ShutdownTask[];
  liveListeners: Set<LiveListener>;
};

/** A message from the database's live channel (every instance's changes), as sent. */
export type LiveListener = (payload: string) => void;

// Next.js bundles app/ and lib/ into a module graph of its own, so this file is evaluated twice in one process:
// once by the server and once inside the bundle. Both copies must reach the same store, so it is registered once
// under a process-wide symbol; this is the only place that knows.
const KEY = Symbol.for('chitter.server-context');
const registry = globalThis as typeof globalThis & { [KEY]?: Shared };
const shared: Shared = (registry[KEY] ??= { requests: new AsyncLocalStorage(), hooks: null, appHooks: null, stoppingTasks: [], shutdownTasks: [], liveListeners: new Set() });

/** Runs the app's handling of one request with a fresh state the server reads afterwards. */
export function runRequest<T>(state: RequestState, handle: () => T): T {
  return shared.requests.run(state, handle);
}

export function newRequestState(): RequestState {
  return { sawSession: false };
}

/** Sets the HTTP status of the response being rendered (a failed no-JS form post, a 429, a 503). */
export function setResponseStatus(status: number): void {
  const state = shared.requests.getStore();
  if (state) state.status = status;
}

/** Leaves a message for the page this request renders next, with the status that goes with it. */
export function refuseWithNotice(status: number, notice: string): void {
  const state = shared.requests.getStore();
  if (!state) return;
  state.status = status;
  state.notice = notice;
}

export function currentNotice(): string | undefined {
  return shared.requests.getStore()?.notice;
}

/** Marks this request's output as personal: it saw a session. */
export function noteSessionSeen(): void {
  const state = shared.requests.getStore();
  if (state) state.sawSession = true;
}

/** Records whose session row this request checked. */
export function noteViewer(userId: number): void {
  const state = shared.requests.getStore();
  if (state) state.viewerId = userId;
}

export function installServerHooks(hooks: ServerHooks): void {
  shared.hooks = hooks;
}

/** Hooks into the serving process; null under `next build`, tests and the stand-alone worker. */
export function serverHooks(): ServerHooks | null {
  return shared.hooks;
}

export function installAppHooks(hooks: AppHooks): void {
  shared.appHooks = hooks;
}

/** The app's hooks for the server; null until the app has booted, and under `next build` and tests. */
export function appHooks(): AppHooks | null {
  return shared.appHooks;
}

/**
 * The live channel's messages, received once per process (lib/boot.ts listens) and handed to every copy of the app's
 * modules that asks: the page cache and the open live streams.
 */
export function deliverLiveMessage(payload: string): void {
  for (const listener of shared.liveListeners) listener(payload);
}

export function onLiveMessage(listener: LiveListener): () => void {
  shared.liveListeners.add(listener);
  return () => shared.liveListeners.delete(listener);
}

/** Work to do after the last request is answered and before the process exits (stop the worker, close the db). */
export function onShutdown(task: ShutdownTask): void {
  shared.shutdownTasks.push(task);
}

/** Work to do as soon as the server stops accepting: end responses that would otherwise never finish (live streams). */
export function onStopping(task: ShutdownTask): void {
  shared.stoppingTasks.push(task);
}

export async function runStoppingTasks(): Promise<void> {
  await runTasks(shared.stoppingTasks);
}

export async function runShutdownTasks(): Promise<void> {
  await runTasks(shared.shutdownTasks);
}

async function runTasks(list: ShutdownTask[]): Promise<void> {
  const tasks = list.splice(0).reverse();
  for (const task of tasks) {
    try {
      await task();
    } catch (err) {
      log.error({ err }, 'A shutdown step failed');
    }
  }
}
