/** Searched text matches itself: in (i)like, `%`, `_` and `\` typed by a person are not wildcards. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
