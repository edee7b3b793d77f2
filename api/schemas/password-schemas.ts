/** PasswordReset and SetPassword requests as the contract defines them (3.2, 15 and 16). */
import { z } from 'zod';
import { atMostOne, idString, runes } from '../validation';

// The odd casing is the contract's; 0 (unspecified) means email.
const NOTIFICATION_TYPES = [
  'NOTIFICATION_TYPE_Unspecified',
  'NOTIFICATION_TYPE_Email',
  'NOTIFICATION_TYPE_SMS',
] as const;

const notificationType = z
  .union([z.enum(NOTIFICATION_TYPES), z.number().int().min(0).max(2)])
  .transform((t) => (typeof t === 'number' ? NOTIFICATION_TYPES[t] : t));

export const passwordResetRequest = z
  .object({
    userId: idString,
    sendLink: z
      .object({
        notificationType: notificationType.optional(),
        urlTemplate: runes(1, 200).optional(),
      })
      .optional(),
    returnCode: z.object({}).optional(),
  })
  .superRefine(atMostOne(['sendLink', 'returnCode']));

export const setPasswordRequest = z
  .object({
    userId: idString,
    newPassword: z.object({
      password: runes(1, 200),
      changeRequired: z.boolean().optional(),
    }),
    currentPassword: runes(1, 200).optional(),
    verificationCode: runes(1, 20).optional(),
  })
  .superRefine(atMostOne(['currentPassword', 'verificationCode']));

export type PasswordResetRequest = z.infer<typeof passwordResetRequest>;
export type SetPasswordRequest = z.infer<typeof setPasswordRequest>;
