import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { toIssues, type Issue } from '../api/result';
import { ConfigSchema, defaultConfig, type Config } from './schema';

/** A configuration file that cannot be used; `issues` lists every problem as `path: message`. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: Issue[],
  ) {
    super(`Invalid configuration in ${file}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses configuration text (YAML, or JSON which is YAML too); throws ConfigError listing every problem. */
export function parseConfig(text: string, file: string): Config {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: `(line ${e.linePos?.[0]?.line ?? '?'})`,
        message: e.message.split('\n')[0] ?? e.code,
      })),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, toIssues(parsed.error));
  return parsed.data;
}

/** Reads and validates a configuration file; without a file, the defaults. Never writes anything. */
export async function loadConfig(file: string | undefined): Promise<Config> {
  if (file === undefined) return defaultConfig();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new ConfigError(file, [{ path: '(file)', message: `cannot read the file (${code})` }]);
  }
  return parseConfig(text, file);
}
