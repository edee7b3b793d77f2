import { z } from 'zod';
import { atMostOne, idString, runes } from '../validation';

export const setPhoneRequest = z
  .object({
    userId: idString,
    phone: runes(1, 200),
    sendCode: z.object({}).optional(),
    returnCode: z.object({}).optional(),
    isVerified: z
      .literal(true, { errorMap: () => ({ message: 'value must equal true' }) })
      .optional(),
  })
  .superRefine(atMostOne(['sendCode', 'returnCode', 'isVerified']));

export const verifyPhoneRequest = z.object({
  userId: idString,
  verificationCode: runes(1, 20),
});

/** AddOTPEmail, RemoveOTPEmail, AddOTPSMS, RemoveOTPSMS: the user id in the path, no body. */
export const otpFactorRequest = z.object({ userId: idString });

export type SetPhoneRequest = z.infer<typeof setPhoneRequest>;
