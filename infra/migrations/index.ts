import type { Sequelize, Transaction } from 'sequelize';
import { initialSchema } from './0001-initial-schema';
import { totpSchema } from './0004-totp';

export interface Migration {
  name: string;
  up(db: Sequelize, transaction: Transaction): Promise<void>;
}

/** Every migration in order; add new ones at the end, never edit an applied one. */
export const migrations: Migration[] = [initialSchema, totpSchema];
