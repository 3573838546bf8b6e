import { z } from 'zod';

export const createEndpointSchema = z.object({
  url: z.string().trim().min(1, 'Enter the endpoint URL.').max(2000, 'At most 2000 characters.'),
  description: z.string().trim().max(200, 'At most 200 characters.').optional().default(''),
});
export const endpointIdSchema = z.object({ endpointId: z.coerce.number().int('Choose an endpoint.').positive('Choose an endpoint.') });
export const deliveryIdSchema = z.object({ deliveryId: z.coerce.number().int('Choose a delivery.').positive('Choose a delivery.') });
