/**
 * JWT lifetime; the server-side session row (lib/auth/sessions.ts) idles out after the same
 * time. A pure constant below db/ (db/queries/sessions.ts lists sessions open within it).
 */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;
