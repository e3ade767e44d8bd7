// Validates a report against the published JSON Schema (src/report/report.schema.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { PACKAGE_ROOT } from '../version.js';

export const SCHEMA_PATH = join(PACKAGE_ROOT, 'src', 'report', 'report.schema.json');

type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
let compiled: ValidateFn | null = null;

function validator(): ValidateFn {
  if (compiled) return compiled;
  // ajv and ajv-formats are CommonJS; require() gives their real exports under NodeNext.
  const require = createRequire(import.meta.url);
  const Ajv2020 = require('ajv/dist/2020') as new (o: object) => { compile(s: object): ValidateFn };
  const addFormats = require('ajv-formats') as (ajv: object) => void;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  compiled = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  return compiled;
}

/** Returns a list of schema violations; empty when the report is valid. */
export function validateReport(report: unknown): string[] {
  const v = validator();
  if (v(report)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
