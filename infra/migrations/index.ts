import type { Sequelize, Transaction } from 'sequelize';
import { initialSchema } from './0001-initial-schema';
import { accessModel } from './0007-access-model';

export interface Migration {
  name: string;
  up(db: Sequelize, transaction: Transaction): Promise<void>;
}

/** Every migration in order; add new ones at the end, never edit an applied one. */
export const migrations: Migration[] = [initialSchema, accessModel];
