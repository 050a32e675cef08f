// Paths and readers shared by the infra checks. Everything is read from the working tree: these
// tests judge the files as committed, never a rendered copy kept elsewhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
export const INFRA = join(ROOT, 'infra');

export function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Every file under a folder of the repository, as repository-relative paths. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs)) {
      const path = join(abs, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

/** One YAML file, with compose-style merge keys (`<<: *anchor`) resolved. */
export function readYaml<T = unknown>(path: string): T {
  return parse(read(path), { merge: true }) as T;
}

/** Every document of a multi-document YAML text; a syntax error fails loudly. */
export function yamlDocuments(text: string, source: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`${source} document ${i + 1}: ${doc.errors[0]!.message}`);
    return doc.toJS() as Record<string, unknown>;
  });
}

/** KEY=VALUE lines of an env file (comments and blanks skipped), as kustomize and compose read them. */
export function readEnvFile(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of read(path).split('\n')) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    const eq = text.indexOf('=');
    out[text.slice(0, eq)] = text.slice(eq + 1);
  }
  return out;
}
