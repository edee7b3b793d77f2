import { z } from 'zod';
import { idString, runes } from '../validation';

export const registerTOTPRequest = z.object({ userId: idString });

export const verifyTOTPRegistrationRequest = z.object({
  userId: idString,
  code: runes(1, 200),
});
