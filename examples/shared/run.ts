/** Runs `main`, printing the library's errors (and failed validations) as their message alone, not a stack. */
export function runExample(main: () => void): void {
  try {
    main();
  } catch (e) {
    const err = e as Error;
    if (err?.name !== 'NoxusSecretsError' && !/Validation failed|validation failed/i.test(err?.message ?? '')) throw e;
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  }
}
