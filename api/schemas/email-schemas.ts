import { z } from 'zod';
import { atMostOne, emailAddress, idString, runes } from '../validation';

export const sendEmailCode = z.object({ urlTemplate: runes(1, 200).optional() });

export const setEmailRequest = z
  .object({
    userId: idString,
    email: emailAddress,
    sendCode: sendEmailCode.optional(),
    returnCode: z.object({}).optional(),
    isVerified: z
      .literal(true, { errorMap: () => ({ message: 'value must equal true' }) })
      .optional(),
  })
  .superRefine(atMostOne(['sendCode', 'returnCode', 'isVerified']));

export const verifyEmailRequest = z.object({
  userId: idString,
  verificationCode: runes(1, 20),
});

export type SetEmailRequest = z.infer<typeof setEmailRequest>;
