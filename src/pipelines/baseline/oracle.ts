/** The baseline's Oracle bound to the evaluator (src/evaluate) and the reasoner (src/reason). */
import type { Oracle, ProofOutcome } from '../../baseline/oracle.js';
import { compilePolicySet, evaluateRequest } from '../../evaluate/index.js';
import { checkAccessNotGranted } from '../../reason/index.js';

export const engineOracle: Oracle = {
  decide(r) {
    const set = compilePolicySet({
      identity: r.identity ?? [],
      permissionBoundary: r.boundary ?? null,
      resource: r.resourcePolicy ?? null,
    });
    const e = evaluateRequest(
      set,
      { principal: r.principal, action: r.action, resource: r.resource, context: r.context },
      { principalAccount: r.principalAccount, resourceAccount: r.resourceAccount },
    );
    return {
      decision: e.decision,
      missingContextKeys: e.missingContextKeys,
      allowedBy: e.matchedStatements
        .filter((m) => m.effect === 'Allow')
        .map((m) => `${m.policy} statement ${m.statement}`),
    };
  },
  async notGranted(policy, actions): Promise<ProofOutcome> {
    try {
      const r = await checkAccessNotGranted(
        policy,
        { actions },
        { policyType: 'IDENTITY_POLICY', timeoutMs: 20_000 },
      );
      if (r.result === 'PASS') return { outcome: 'proved', detail: r.message };
      if (r.result === 'FAIL') {
        const ex = r.counterexample?.request;
        return {
          outcome: 'not-proved',
          detail: ex ? `the reasoner found ${ex.action} on ${ex.resource}` : r.message,
        };
      }
      return { outcome: 'unknown', detail: r.unknown?.reason ?? r.message };
    } catch (e) {
      return { outcome: 'unknown', detail: `the reasoner failed: ${(e as Error).message}` };
    }
  },
};
