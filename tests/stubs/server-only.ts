// `server-only` throws outside the React server environment; Vitest runs plain Node.
export {};
