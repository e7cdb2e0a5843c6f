'use client';

/** A peep being written, kept in the browser until it is posted, with the key that makes posting it again safe. */
export type PeepDraft = { body: string; key: string };

const STORAGE_KEY = 'chitter:peep-draft';

/** Where a draft is kept: the compose box's, or a reply's to one peep, so that neither writes over the other. */
export const draftSlot = (replyToId?: number) => (replyToId ? `${STORAGE_KEY}:reply:${replyToId}` : STORAGE_KEY);

/** A fresh idempotency key. crypto.randomUUID exists only on HTTPS and localhost; getRandomValues everywhere. */
export function newPeepKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Storage can be refused (a private window, a full quota, a policy); the draft then lives only in the page.
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The stored draft as it is kept (a string, so React can compare snapshots), or null. */
export function keptPeepDraft(slot = STORAGE_KEY): string | null {
  try {
    return storage()?.getItem(slot) ?? null;
  } catch {
    return null;
  }
}

/** Calls back when another tab changes the kept draft. */
export function subscribeToPeepDraft(onChange: () => void, slot = STORAGE_KEY): () => void {
  const listener = (e: StorageEvent) => e.key === slot && onChange();
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}

/**
 * The draft in `kept` if it belongs to `owner` (a handle; undefined while the session cannot be checked). A draft
 * another person left in this browser is not theirs to see.
 */
export function peepDraftFor(kept: string | null, owner: string | undefined): PeepDraft | null {
  try {
    const saved = JSON.parse(kept ?? 'null') as (PeepDraft & { owner?: string }) | null;
    if (!saved || typeof saved.body !== 'string' || typeof saved.key !== 'string' || !saved.body) return null;
    if (owner && saved.owner && saved.owner.toLowerCase() !== owner.toLowerCase()) return null;
    return { body: saved.body, key: saved.key };
  } catch {
    return null;
  }
}

export function savePeepDraft(owner: string | undefined, draft: PeepDraft, slot = STORAGE_KEY): void {
  try {
    if (!draft.body.trim()) storage()?.removeItem(slot);
    else storage()?.setItem(slot, JSON.stringify({ ...draft, owner }));
  } catch {
    // Not kept; see storage().
  }
}

export function clearPeepDraft(slot = STORAGE_KEY): void {
  try {
    storage()?.removeItem(slot);
  } catch {
    // Nothing was kept.
  }
}
