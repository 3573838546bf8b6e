import { z } from 'zod';

export const contactSchema = z.object({ email: z.email('Enter an email address such as billing@example.com.').max(320, 'At most 320 characters.') });
export const contactIdSchema = z.object({ contactId: z.coerce.number().int('Choose a contact.').positive('Choose a contact.') });
/** The kinds to receive by email: every checkbox sent is a kind kept on. */
export const emailKindsSchema = z.object({ kinds: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])) });
