// kubernetes-models and @kubernetes-models/* publish ESM only; jest runs CommonJS.
// The resolver picks their `import` entry points and ts-jest compiles them to CommonJS.
const esmOnly = ['kubernetes-models', '@kubernetes-models', 'is-cidr', 'cidr-regex', 'ip-regex'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/tmpdir-setup.js',
  globalTeardown: '<rootDir>/test/support/tmpdir-teardown.js',
  moduleFileExtensions: ['ts', 'js', 'json'],
  resolver: '<rootDir>/test/support/esm-resolver.js',
  // The examples import the package by its name, as a user's app does; here it is this checkout.
  moduleNameMapper: {
    '^noxus-secrets-cdk$': '<rootDir>/lib/index.ts',
    '^noxus-secrets-cdk/cdk8s-in-terraform$': '<rootDir>/lib/terraform/cdk8s/index.ts',
    '^noxus-secrets-cdk/(aws|gcp|azure|vault|vm)$': '<rootDir>/lib/terraform/$1/index.ts',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true }, isolatedModules: true }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};
