import { SlackApiError } from './slack-api-error.js';

/**
 * Arguments of a Web API call or a response_url POST. The WebClient sends
 * form-encoded bodies where objects (blocks, view, files) are JSON strings
 * and booleans are 'true'/'false'; JSON bodies carry real values. These
 * readers accept both.
 */
export type ApiParams = Record<string, unknown>;

export function optionalString(params: ApiParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new SlackApiError('invalid_arguments', [`${name} must be a string`]);
}

export function requiredString(params: ApiParams, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw new SlackApiError('invalid_arguments', [`missing required field: ${name}`]);
  return value;
}

export function optionalBoolean(params: ApiParams, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** A field that may arrive as a JSON string (form bodies) or as the value itself (JSON bodies). */
export function optionalJson(params: ApiParams, name: string, error = 'invalid_arguments'): unknown {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new SlackApiError(error, [`${name} is not valid JSON`]);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
