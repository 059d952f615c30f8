import type { Migration } from './migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-fhir-record-and-sync';
import { migration0003 } from './0003-derived-objects';
import { migration0004 } from './0004-pacs-nodes';

/** All migrations in order. Append only. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];
