/** The annotation on a Secret whose values were written in plaintext because the user opted in by name. */
export const UNSAFE_PLAINTEXT_MARK = 'noxus-secrets-cdk/unsafe-plaintext';
