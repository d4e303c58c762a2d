import { AuditLevel, AuditRule } from '../audit-rule';

/** Something the isolation depends on that the library does not create and cannot see: said, not assumed. */
export const UnverifiedFacts: AuditRule = {
  id: 'NX16',
  level: AuditLevel.WARNING,
  description: 'Part of the isolation rests on a resource the library does not create and cannot check.',
  check(input) {
    return (input.unverified ?? []).map(u => ({ resource: u.resource, message: `${u.what} The library checks none of this; verify it yourself.` }));
  },
};
