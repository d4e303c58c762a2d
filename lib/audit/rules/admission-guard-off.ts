import { AuditLevel, AuditRule } from '../audit-rule';

/** The admission guard is what stops a namespace outside the platform's from naming its stores' roles and ServiceAccounts. */
export const AdmissionGuardOff: AuditRule = {
  id: 'NX14',
  level: AuditLevel.WARNING,
  description: 'The admission guard of the platform\'s stores is turned off.',
  check(input) {
    if (input.admissionGuard !== false) return [];
    return [{
      resource: 'ValidatingAdmissionPolicy',
      message: 'admissionGuard is off: nothing in the cluster stops a SecretStore in another namespace from naming the platform\'s store roles or ' +
        'ServiceAccounts, or an ExternalSecret in the namespace from writing a pool\'s Secret through another store; isolation then rests on the ' +
        'cloud identities alone (and with Pod Identity, on ESO\'s session tags, which a SecretStore\'s own sessionTags can forge). Turn it on unless another policy engine does this.',
    }];
  },
};
