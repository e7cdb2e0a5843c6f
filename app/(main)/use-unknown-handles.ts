'use client';

import { useEffect, useRef, useState } from 'react';
import { mentionedHandles } from '@/lib/mentions';

/** The @handles in `text` that are not Chitter users, looked up (debounced, cached) as the person types. */
export function useUnknownHandles(text: string): string[] {
  const known = useRef(new Map<string, boolean>());
  const [unknown, setUnknown] = useState<string[]>([]);
  useEffect(() => {
    const handles = mentionedHandles(text).slice(0, 10);
    const settle = () => setUnknown(handles.filter((h) => known.current.get(h) === false));
    const missing = handles.filter((h) => !known.current.has(h));
    if (missing.length === 0) return settle();
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/handles?names=${encodeURIComponent(missing.join(','))}`, { signal: controller.signal });
        if (!response.ok) return;
        const { existing } = (await response.json()) as { existing: string[] };
        const found = new Set(existing.map((e) => e.toLowerCase()));
        for (const h of missing) known.current.set(h, found.has(h));
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
  return unknown;
}
