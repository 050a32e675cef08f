// Every repository over one handle, for a service's composition root.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { createAlertRepository, type AlertRepository } from './alert.repository';
import { createHealthRepository, type HealthRepository } from './health.repository';
import { createIndicatorRepository, type IndicatorRepository } from './indicator.repository';
import { createPatternRepository, type PatternRepository } from './pattern.repository';
import { createProducerEventRepository, type ProducerEventRepository } from './producer-event.repository';
import { createSessionRepository, type SessionRepository } from './session.repository';
import { createSummaryRepository, type SummaryRepository } from './summary.repository';
import { createUserRepository, type UserRepository } from './user.repository';

export type Repositories = {
  patterns: PatternRepository;
  indicators: IndicatorRepository;
  alerts: AlertRepository;
  sessions: SessionRepository;
  health: HealthRepository;
  producerEvents: ProducerEventRepository;
  summary: SummaryRepository;
  users: UserRepository;
};

export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    patterns: createPatternRepository(db),
    indicators: createIndicatorRepository(db),
    alerts: createAlertRepository(db),
    sessions: createSessionRepository(db),
    health: createHealthRepository(db),
    producerEvents: createProducerEventRepository(db),
    summary: createSummaryRepository(db),
    users: createUserRepository(db),
  };
}
