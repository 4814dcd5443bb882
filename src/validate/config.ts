/**
 * `.leastprivrc.json`: defaults for `leastpriv validate` (fail-on, ignored issue codes, policy
 * types per path). Pure: takes the text, returns the config or throws a located error.
 * Schema: docs/config-schema.json
 */

import { resolveResourceType } from '../catalog/resource-types.js';
import { PolicyParseError } from '../policy/issues.js';
import { type JsonNode, jsonTypeName, members, parseJson } from '../policy/json.js';
import { checkCatalog } from './registry.js';
import { FINDING_TYPES, type FindingType, POLICY_TYPES, type PolicyType } from './types.js';

export interface ConfigOverride {
  /** Glob patterns (`*`, `**`, `?`) relative to the config file's folder. */
  files: string[];
  policyType?: PolicyType;
  resourceType?: string;
  ignore?: string[];
}

export interface ValidateConfig {
  failOn?: FindingType[];
  ignore?: string[];
  policyType?: PolicyType;
  resourceType?: string;
  overrides: ConfigOverride[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function where(file: string, src: ReturnType<typeof parseJson>, node: JsonNode): string {
  const p = src.lines.position(node.offset);
  return `${file}:${p.line}:${p.column + 1}`;
}

export function parseConfig(text: string, file: string): ValidateConfig {
  let src: ReturnType<typeof parseJson>;
  try {
    src = parseJson(text, file);
  } catch (e) {
    if (e instanceof PolicyParseError) {
      const i = e.issues[0];
      throw new ConfigError(
        `${file}:${i.location.span.start.line}:${i.location.span.start.column + 1}: ${i.message}`,
      );
    }
    throw e;
  }
  const fail = (node: JsonNode, msg: string): never => {
    throw new ConfigError(`${where(file, src, node)}: ${msg}`);
  };
  const strings = (node: JsonNode, what: string): string[] => {
    if (node.type === 'string') return [node.value as string];
    if (node.type !== 'array')
      fail(node, `${what} must be a string or an array of strings, found ${jsonTypeName(node)}`);
    return (node.children ?? []).map((c) =>
      c.type === 'string'
        ? (c.value as string)
        : fail(c, `${what} entries must be strings, found ${jsonTypeName(c)}`),
    );
  };
  const policyType = (node: JsonNode): PolicyType => {
    const v = node.value;
    if (node.type !== 'string' || !POLICY_TYPES.includes(v as PolicyType)) {
      fail(node, `policyType must be one of ${POLICY_TYPES.join(', ')}`);
    }
    return v as PolicyType;
  };
  const string = (node: JsonNode, what: string): string =>
    node.type === 'string' ? (node.value as string) : fail(node, `${what} must be a string`);
  const codes = new Set(checkCatalog().map((m) => m.issueCode));
  const ignore = (node: JsonNode): string[] => {
    const list = strings(node, 'ignore');
    const items = node.type === 'array' ? (node.children ?? []) : [node];
    items.forEach((item, i) => {
      if (!codes.has(list[i])) fail(item, `unknown issue code "${list[i]}" in ignore (see docs/checks.md)`);
    });
    return list;
  };
  const resourceType = (node: JsonNode): string => {
    const v = string(node, 'resourceType');
    const resolved = resolveResourceType(v);
    if (!resolved.ok) fail(node, `resourceType ${resolved.message}`);
    return v;
  };
  if (src.root.type !== 'object') fail(src.root, 'the configuration must be a JSON object');
  const config: ValidateConfig = { overrides: [] };
  for (const [name, keyNode, value] of members(src.root)) {
    switch (name) {
      case '$schema':
        break;
      case 'failOn': {
        const list = strings(value, 'failOn');
        for (const t of list) {
          if (!FINDING_TYPES.includes(t as FindingType))
            fail(value, `failOn: unknown finding type "${t}" (use ${FINDING_TYPES.join(', ')})`);
        }
        config.failOn = list as FindingType[];
        break;
      }
      case 'ignore':
        config.ignore = ignore(value);
        break;
      case 'policyType':
        config.policyType = policyType(value);
        break;
      case 'resourceType':
        config.resourceType = resourceType(value);
        break;
      case 'overrides': {
        if (value.type !== 'array') fail(value, 'overrides must be an array');
        for (const item of value.children ?? []) {
          if (item.type !== 'object') fail(item, 'each override must be an object');
          const o: ConfigOverride = { files: [] };
          for (const [k, kn, v] of members(item)) {
            if (k === 'files') o.files = strings(v, 'files');
            else if (k === 'policyType') o.policyType = policyType(v);
            else if (k === 'resourceType') o.resourceType = resourceType(v);
            else if (k === 'ignore') o.ignore = ignore(v);
            else fail(kn, `unknown override property "${k}" (use files, policyType, resourceType, ignore)`);
          }
          if (o.files.length === 0) fail(item, 'an override needs "files"');
          config.overrides.push(o);
        }
        break;
      }
      default:
        fail(keyNode, `unknown property "${name}" (use failOn, ignore, policyType, resourceType, overrides)`);
    }
  }
  return config;
}

/** Compiles a path glob: `**` any folders, `*` within one path segment, `?` one character. */
export function compilePathGlob(glob: string): RegExp {
  let src = '';
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      if (g[i + 2] === '/') {
        src += '(?:.*/)?';
        i += 2;
      } else {
        src += '.*';
        i += 1;
      }
    } else if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches the file name in any folder.
  return new RegExp(g.includes('/') ? `^${src}$` : `(?:^|/)${src}$`);
}

/** The settings that apply to a file (path relative to the config's folder, with `/`). */
export function settingsFor(
  config: ValidateConfig,
  relPath: string,
): { policyType?: PolicyType; resourceType?: string; ignore: string[] } {
  let policyType = config.policyType;
  let resourceType = config.resourceType;
  const ignore = [...(config.ignore ?? [])];
  for (const o of config.overrides) {
    if (!o.files.some((f) => compilePathGlob(f).test(relPath))) continue;
    if (o.policyType) policyType = o.policyType;
    if (o.resourceType) resourceType = o.resourceType;
    if (o.ignore) ignore.push(...o.ignore);
  }
  return { policyType, resourceType, ignore };
}
