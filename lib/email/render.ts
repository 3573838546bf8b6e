import type { ReactElement } from 'react';
import { plainTextSelectors, render } from '@react-email/components';

export type RenderedEmail = { html: string; text: string };

// Headings stay as written in the plain-text part (html-to-text would upper-case them,
// which reads as shouting and breaks amounts like "USD" search in tests).
const selectors = [...plainTextSelectors, ...['h1', 'h2', 'h3'].map((selector) => ({ selector, options: { uppercase: false } }))];

/** A React email component as HTML and as plain text (both parts of every message). */
export async function renderEmail(element: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: { selectors } })]);
  return { html, text };
}
