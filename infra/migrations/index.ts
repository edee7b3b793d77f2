import type { Sequelize, Transaction } from 'sequelize';
import { initialSchema } from './0001-initial-schema';
import { phoneAndOtpFactors } from './0002-phone-and-otp-factors';
import { totpSchema } from './0004-totp';
import { webauthnSchema } from './0005-webauthn';
import { identityProviders } from './0006-identity-providers';
import { accessModel } from './0007-access-model';

export interface Migration {
  name: string;
  up(db: Sequelize, transaction: Transaction): Promise<void>;
}

/** Every migration in order; add new ones at the end, never edit an applied one. */
export const migrations: Migration[] = [
  initialSchema,
  phoneAndOtpFactors,
  totpSchema,
  webauthnSchema,
  identityProviders,
  accessModel,
];
