/** AddHumanUserRequest as the contract defines it (section 4.1 and 3.2). */
import { z } from 'zod';
import { atMostOne, emailAddress, idString, runes } from '../validation';
import { sendEmailCode } from './email-schemas';
import { idpLink } from './idp-schemas';

const GENDERS = ['GENDER_UNSPECIFIED', 'GENDER_FEMALE', 'GENDER_MALE', 'GENDER_DIVERSE'] as const;

const gender = z
  .union([z.enum(GENDERS), z.number().int().min(0).max(3)])
  .transform((g) => (typeof g === 'number' ? GENDERS[g] : g));

const trimmedNonEmpty = (max: number) =>
  runes(1, max)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, 'value must not be blank');

const profile = z.object({
  givenName: trimmedNonEmpty(200),
  familyName: trimmedNonEmpty(200),
  nickName: runes(0, 200).optional(),
  displayName: runes(0, 200).optional(),
  preferredLanguage: runes(0, 10).optional(),
  gender: gender.optional(),
});

const email = z
  .object({
    email: emailAddress,
    sendCode: sendEmailCode.optional(),
    returnCode: z.object({}).optional(),
    isVerified: z.boolean().optional(),
  })
  .superRefine(atMostOne(['sendCode', 'returnCode', 'isVerified']));

const phone = z
  .object({
    phone: runes(0, 200),
    sendCode: z.object({}).optional(),
    returnCode: z.object({}).optional(),
    isVerified: z.boolean().optional(),
  })
  .superRefine(atMostOne(['sendCode', 'returnCode', 'isVerified']));

const MAX_METADATA_BYTES = 500_000;

const metadataValue = z
  .string()
  .refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'value must be base64')
  .transform((s) => Buffer.from(s, 'base64'))
  .refine(
    (b) => b.length >= 1 && b.length <= MAX_METADATA_BYTES,
    'value must be 1 to 500000 bytes',
  );

const metadataEntry = z.object({ key: trimmedNonEmpty(200), value: metadataValue });

export const addHumanUserRequest = z
  .object({
    userId: idString.optional(),
    username: trimmedNonEmpty(200).optional(),
    organization: z
      .object({ orgId: idString.optional(), orgDomain: runes(1, 200).optional() })
      .superRefine(atMostOne(['orgId', 'orgDomain']))
      .optional(),
    profile,
    email,
    phone: phone.optional(),
    metadata: z.array(metadataEntry).max(100).optional(),
    password: z
      .object({ password: runes(1, 200), changeRequired: z.boolean().optional() })
      .optional(),
    hashedPassword: z
      .object({ hash: runes(1, 200), changeRequired: z.boolean().optional() })
      .optional(),
    idpLinks: z.array(idpLink).max(100).optional(),
    totpSecret: runes(1, 200).optional(),
  })
  .superRefine(atMostOne(['password', 'hashedPassword']));

export type AddHumanUserRequest = z.infer<typeof addHumanUserRequest>;
