'use client';

import { useEffect, useRef, useState } from 'react';
import { mentionedHandles } from '@/lib/mentions';

/** What a look-up found for a handle: a person, nobody, or a handle given up by someone now called `renamedTo`. */
type Known = { exists: true } | { exists: false; renamedTo?: string };

/**
 * The @handles in `text` that are not Chitter users, looked up (debounced, cached) as the person types, and of those
 * the ones given up by a rename lately, with the handle their person has now.
 */
export function useUnknownHandles(text: string): { unknown: string[]; renamed: { handle: string; username: string }[] } {
  const known = useRef(new Map<string, Known>());
  const [found, setFound] = useState<{ unknown: string[]; renamed: { handle: string; username: string }[] }>({ unknown: [], renamed: [] });
  useEffect(() => {
    const handles = mentionedHandles(text).slice(0, 10);
    const settle = () => {
      const unknown = handles.filter((h) => known.current.get(h)?.exists === false);
      const renamed = unknown.flatMap((h) => {
        const entry = known.current.get(h);
        return entry && !entry.exists && entry.renamedTo ? [{ handle: h, username: entry.renamedTo }] : [];
      });
      setFound({ unknown: unknown.filter((h) => !renamed.some((r) => r.handle === h)), renamed });
    };
    const missing = handles.filter((h) => !known.current.has(h));
    if (missing.length === 0) return settle();
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/handles?names=${encodeURIComponent(missing.join(','))}`, { signal: controller.signal });
        if (!response.ok) return;
        const { existing, renamed = [] } = (await response.json()) as { existing: string[]; renamed?: { handle: string; username: string }[] };
        const exists = new Set(existing.map((e) => e.toLowerCase()));
        const renamedTo = new Map(renamed.map((r) => [r.handle.toLowerCase(), r.username]));
        for (const h of missing) known.current.set(h, exists.has(h) ? { exists: true } : { exists: false, renamedTo: renamedTo.get(h) });
        settle();
      } catch {
        // A failed look-up only loses a hint; posting still works.
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  return found;
}
