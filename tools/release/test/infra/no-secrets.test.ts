// Nothing under infra/ (nor .dockerignore) holds a secret value: Kubernetes references a Secret
// created outside the repository, compose requires its secrets from the environment.
import { describe, expect, it } from 'vitest';
import { filesUnder, read, readEnvFile, yamlDocuments } from './support/files';

const FILES = [...filesUnder('infra'), '.dockerignore'];
const SECRET_NAMES = ['JWT_SECRET', 'ADMIN_PASSWORD', 'POSTGRES_PASSWORD', 'METRICS_TOKEN'];

describe('secrets under infra/', () => {
  it('has no Secret object, no secretGenerator, no private key', () => {
    for (const file of FILES) {
      const text = read(file);
      expect(text, file).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
      expect(text, file).not.toMatch(/^\s*secretGenerator:/m);
      if (/\.ya?ml$/.test(file)) for (const doc of yamlDocuments(text, file)) expect(doc?.kind, file).not.toBe('Secret');
    }
  });

  it('sets no secret variable to a value anywhere (env files, compose, manifests)', () => {
    for (const file of FILES) {
      for (const name of SECRET_NAMES) {
        // `NAME=value`, `NAME: value` or `- name: NAME\n  value: …`; references (${…}, valueFrom) are fine.
        const literal = new RegExp(`(?<!\\$\\{)\\b${name}\\s*[:=][ \\t]*(?![ \\t]*(\\$\\{|$|#))\\S`, 'm');
        expect(literal.test(read(file)), `${file} sets ${name}`).toBe(false);
        expect(read(file), file).not.toMatch(new RegExp(`name: ${name}\\s*\\n\\s*value:`));
      }
    }
  });

  it('leaves the secrets of infra/.env.example empty', () => {
    const example = readEnvFile('infra/.env.example');
    for (const name of ['JWT_SECRET', 'ADMIN_PASSWORD', 'POSTGRES_PASSWORD']) expect(example[name], name).toBe('');
  });

  it('puts no credentials in a URL', () => {
    for (const file of FILES) expect(read(file), file).not.toMatch(/\b(postgres(ql)?|rediss?):\/\/[^/\s:@]+:(?!\$\{)[^@\s]+@/);
  });

  it('contains no long random-looking token', () => {
    const token = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
    for (const file of FILES) {
      for (const m of read(file).matchAll(token)) {
        // A real secret mixes cases and digits; slugs and paths of this repository do not.
        const mixed = /[a-z]/.test(m[0]) && /[A-Z]/.test(m[0]) && /\d/.test(m[0]);
        expect(mixed, `${file}: ${m[0]}`).toBe(false);
      }
    }
  });
});
