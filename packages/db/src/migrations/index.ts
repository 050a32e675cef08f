// Every migration, in order, listed by hand: a static provider works the same under tsx, vitest
// and a bundle, where globbing a folder at run time would not. Add new files here, never rename.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_time_series_storage';
import * as m0003 from './0003_producer_events';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_time_series_storage': m0002,
  '0003_producer_events': m0003,
};
