import { ISecretsGrantee, NoxusSecretsError } from '../../core';

/** A Vault policy that `NoxusVaultSecrets.grantRead` writes, read-only on the granted paths, for you to attach to a role of yours. */
export class VaultGrantee implements ISecretsGrantee {
  /** The policy's name (1-128 of A-Z a-z 0-9 _ . -). */
  public static policy(name: string): VaultGrantee {
    if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,128}$/.test(name)) {
      throw new NoxusSecretsError(`VaultGrantee.policy: ${JSON.stringify(name)} is not a Vault policy name (1-128 of A-Z a-z 0-9 _ . -). ` +
        'Use e.g. "noxus-migrations-read".');
    }
    return new VaultGrantee(name);
  }

  public readonly cloud = 'vault';
  public readonly label: string;

  private constructor(public readonly policyName: string) {
    this.label = `Vault policy ${policyName}`;
  }
}
