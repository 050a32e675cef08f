// Fastify's validation errors (AJV) → the contract's 400: a message that names the parameter and
// says why (CONTRACT.md, "Parameters"), with one detail per problem for programs.
export type AjvIssue = {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
};

export type ValidationDetail = { in: string; parameter: string; problem: string };

/** `querystring` → `query`: the word a client knows from OpenAPI's `in`. */
const LOCATION: Record<string, string> = { querystring: 'query', params: 'path', body: 'body', headers: 'header' };

export function describeValidation(context: string | undefined, issues: readonly AjvIssue[]): { message: string; details: ValidationDetail[] } {
  const where = LOCATION[context ?? ''] ?? context ?? 'request';
  const details = issues.map((issue) => ({ in: where, parameter: parameterOf(issue), problem: problemOf(issue) }));
  const first = details[0];
  const message = first ? `${first.parameter === '' ? where : first.parameter}: ${first.problem}` : `invalid ${where}`;
  return { message, details };
}

function parameterOf(issue: AjvIssue): string {
  const missing = issue.params?.missingProperty;
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (typeof missing === 'string') return path === '' ? missing : `${path}.${missing}`;
  return path;
}

function problemOf(issue: AjvIssue): string {
  const type = issue.params?.type;
  if (issue.keyword === 'type' && typeof type === 'string') return `must be ${type}`;
  return issue.message ?? 'is invalid';
}
