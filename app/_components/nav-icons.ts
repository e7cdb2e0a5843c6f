// Outline icons drawn on a 24-unit grid with a 2-unit stroke (globals.css strokes them), one path each.
export const NAV_ICONS = {
  home: 'M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z',
  everyone: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3.5 9h17M3.5 15h17M12 3c-2.5 2.5-3.5 5.5-3.5 9s1 6.5 3.5 9c2.5-2.5 3.5-5.5 3.5-9s-1-6.5-3.5-9z',
  search: 'M10.5 18a7.5 7.5 0 1 0 0-15 7.5 7.5 0 0 0 0 15zM16 16l5 5',
  profile: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM3.5 21c.8-4 4.3-6.5 8.5-6.5s7.7 2.5 8.5 6.5',
  notifications: 'M6 16v-5a6 6 0 0 1 12 0v5l2 2H4zM10 20.5a2 2 0 0 0 4 0',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 13.5l1.6 1.2-2 3.4-1.9-.7a7.6 7.6 0 0 1-2.2 1.3L14.6 21h-4l-.3-2.3A7.6 7.6 0 0 1 8 17.4l-1.9.7-2-3.4 1.6-1.2a7.7 7.7 0 0 1 0-2.6L4.1 9.7l2-3.4 1.9.7a7.6 7.6 0 0 1 2.2-1.3L10.6 3h4l.3 2.3c.8.3 1.5.7 2.2 1.3l1.9-.7 2 3.4-1.6 1.2a7.7 7.7 0 0 1 0 2.6z',
  logIn: 'M14 4h5a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-5M10 8l4 4-4 4M14 12H3',
  signUp: 'M10 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2.5 20c.7-3.6 3.7-6 7.5-6 1.4 0 2.7.3 3.8.9M19 14v6M16 17h6',
} as const;
export type NavIcon = keyof typeof NAV_ICONS;
