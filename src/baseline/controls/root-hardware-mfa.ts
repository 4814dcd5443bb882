/** CIS-ROOT-HWMFA: root MFA is a hardware device, i.e. no virtual MFA device belongs to root (CIS 1.14/1.6/1.6, IAM.6). */
import { defineControl, fail, pass, unknownFrom } from '../define.js';
import { asArray, cite, isObject, jsonPath, lookup } from '../input.js';
import { rootMfa } from './root-mfa.js';

export default defineControl(
  {
    id: 'CIS-ROOT-HWMFA',
    title: 'The root user uses a hardware MFA device',
    section: 'root',
    cis: { v120: '1.14', v140: '1.6', v300: '1.6' },
    securityHub: ['IAM.6'],
    exports: ['iam get-account-summary', 'iam list-virtual-mfa-devices'],
  },
  (input) => {
    const r = rootMfa(input);
    if (r.on === undefined) return r.why!;
    if (!r.on) return fail('the root user has no MFA device at all', r.evidence);
    const v = lookup(input, 'iam list-virtual-mfa-devices');
    if (v.state !== 'present') return unknownFrom(v);
    const devices = asArray(isObject(v.data) ? v.data.VirtualMFADevices : undefined);
    const i = devices.findIndex(
      (d) => isObject(d) && isObject(d.User) && /:root$/.test(String(d.User.Arn ?? '')),
    );
    if (i >= 0) {
      return fail("the root user's MFA device is a virtual one", [
        ...r.evidence,
        cite(v.record, jsonPath('VirtualMFADevices', i, 'User', 'Arn')),
      ]);
    }
    return pass('root MFA is on and no virtual MFA device belongs to root', [
      ...r.evidence,
      cite(v.record, '$.VirtualMFADevices'),
    ]);
  },
);
