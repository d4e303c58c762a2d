import { RotationPeriod } from '../../core';
import { AuditLevel, AuditRule } from '../audit-rule';

/** High-risk credentials rotate every 30 to 90 days (Noxus guidance). */
export const HighRiskRotation: AuditRule = {
  id: 'NX9',
  level: AuditLevel.WARNING,
  description: 'A high-risk secret has no rotation period, or one over 90 days.',
  check(input) {
    return (input.blueprint?.secrets ?? [])
      .filter(s => s.highRisk && (!s.rotation || s.rotation.days > RotationPeriod.HIGH_RISK_MAX_DAYS))
      .map(s => ({ resource: `PlatformSecret/${s.name}`, message: `is high-risk and ${s.rotation ? `rotates every ${s.rotation.days} days` : 'never rotates'}. Set rotation: RotationPeriod.days(90) or less.` }));
  },
};
