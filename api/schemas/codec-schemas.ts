/** Temporal's remote codec protocol: {payloads: [{metadata: {key: base64}, data: base64}]}. */
import { z } from 'zod';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'value must be base64');

export const codecRequest = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(base64).optional(), data: base64.optional() }))
    .max(1000),
});

export type CodecRequest = z.infer<typeof codecRequest>;
