import * as v from 'valibot';
import type { Problem } from './types.js';
import { issuesToProblems, strictRecord, topLevelProblem } from './validation.js';

// Configuration: defaults for options a team would otherwise repeat on every command line. They come from a
// project file (who-failed-whom.config.yaml, found from the current folder upward), a user file (XDG config),
// and WHO_FAILED_WHOM_* variables; a flag on the command line beats them all.

/** The report formats, for --format and the format setting alike. */
export const FORMATS = ['text', 'json', 'markdown', 'html'] as const;

export interface Settings {
  /** The question bank (a path; a file's is relative to the file). */
  questions?: string;
  minGroup?: number;
  failUnder?: number;
  format?: (typeof FORMATS)[number];
  /** The roster of a team (a path). */
  roster?: string;
}

export const SETTING_KEYS = ['questions', 'minGroup', 'failUnder', 'format', 'roster'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const configSchema = strictRecord({
  $schema: v.optional(v.string()),
  questions: v.optional(v.pipe(v.string(), v.minLength(1))),
  minGroup: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  failUnder: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(101))),
  format: v.optional(v.picklist(FORMATS)),
  roster: v.optional(v.pipe(v.string(), v.minLength(1))),
});

/** A config file's parsed content, checked: every problem with its path, for file:line:col. */
export function checkConfig(data: unknown): { settings?: Settings; problems: Problem[] } {
  if (data === null || data === undefined) return { settings: {}, problems: [] };
  const notAMapping = topLevelProblem(data);
  if (notAMapping) return { problems: [notAMapping] };
  const parsed = v.safeParse(configSchema, data, { abortEarly: false });
  if (!parsed.success) return { problems: issuesToProblems(parsed.issues) };
  const { $schema: _schema, ...settings } = parsed.output;
  return { settings, problems: [] };
}

/** The environment's settings: WHO_FAILED_WHOM_QUESTIONS, _MIN_GROUP, _FAIL_UNDER, _FORMAT, _ROSTER. */
export const ENV_NAMES: Record<SettingKey, string> = {
  questions: 'WHO_FAILED_WHOM_QUESTIONS',
  minGroup: 'WHO_FAILED_WHOM_MIN_GROUP',
  failUnder: 'WHO_FAILED_WHOM_FAIL_UNDER',
  format: 'WHO_FAILED_WHOM_FORMAT',
  roster: 'WHO_FAILED_WHOM_ROSTER',
};

/** Settings from the environment, or the problems with them (an empty variable counts as unset). */
export function envSettings(env: Record<string, string | undefined>): {
  settings: Settings;
  problems: string[];
} {
  const data: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = env[ENV_NAMES[key]];
    if (value === undefined || value.trim() === '') continue;
    const number = key === 'minGroup' || key === 'failUnder';
    // Digits only, as on the command line: "0x3C" or "1e2" is not a number a person meant.
    data[key] = number && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  }
  const { settings, problems } = checkConfig(data);
  return {
    settings: settings ?? {},
    problems: problems.map(
      (p) => `${ENV_NAMES[String(p.path[0]) as SettingKey] ?? 'environment'}: ${p.message}`,
    ),
  };
}

/** Each setting from the first layer that has it: pass them in precedence order (flags, env, project, user). */
export function mergeSettings(layers: readonly Settings[]): Settings {
  const merged: Settings = {};
  for (const key of SETTING_KEYS) {
    const found = layers.find((layer) => layer[key] !== undefined);
    if (found) Object.assign(merged, { [key]: found[key] });
  }
  return merged;
}
