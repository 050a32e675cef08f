// The only module that reads the process environment (HOUSE-STYLE.md: one place reads env).
import { env } from '$env/dynamic/private';
import { parseConfig, type DashboardConfig } from './config';
import { createQueryClient, type QueryClient } from './query-client';

let config: DashboardConfig | undefined;
let client: QueryClient | undefined;

export function dashboardConfig(): DashboardConfig {
  config ??= parseConfig(env);
  return config;
}

export function queryClient(): QueryClient {
  const c = dashboardConfig();
  client ??= createQueryClient({ baseUrl: c.queryUrl, timeoutMs: c.queryTimeoutMs });
  return client;
}
