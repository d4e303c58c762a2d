// kubernetes-models and @kubernetes-models/* publish ESM only; jest runs CommonJS.
// The resolver picks their `import` entry points and ts-jest compiles them to CommonJS.
const esmOnly = ['kubernetes-models', '@kubernetes-models', 'is-cidr', 'cidr-regex', 'ip-regex'];

// The examples import the package by its name, as a user's app does; here it is this checkout.
const entries = {
  '^noxus-secrets-cdk$': '<rootDir>/lib/index.ts',
  '^noxus-secrets-cdk/cdk8s-in-terraform$': '<rootDir>/lib/terraform/cdk8s/index.ts',
  '^noxus-secrets-cdk/(aws|gcp|azure|vault|vm)$': '<rootDir>/lib/terraform/$1/index.ts',
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  resolver: '<rootDir>/test/support/esm-resolver.js',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true }, isolatedModules: true }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/support/tmpdir-setup.js',
  globalTeardown: '<rootDir>/test/support/tmpdir-teardown.js',
  projects: [
    { ...common, displayName: 'cdktf', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['/test/cdktn/'], moduleNameMapper: entries },
    {
      // The same sources as CDK Terrain, as the build's noxus-secrets-cdk/cdktn/* entries: the library's seam
      // (lib/terraform/flavour) is its cdktn variant, and the tests' own cdktf and @cdktf/provider-aws are cdktn
      // and @cdktn/provider-aws; the AWS tests run again in this flavour.
      ...common,
      displayName: 'cdktn',
      testMatch: ['<rootDir>/test/terraform/aws/**/*.test.ts', '<rootDir>/test/cdktn/**/*.test.ts'],
      transform: { ...common.transform, '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.cdktn.json' }] },
      moduleNameMapper: {
        ...entries,
        '^noxus-secrets-cdk/cdktn/aws$': '<rootDir>/lib/terraform/aws/index.ts',
        '^((?:\\./|(?:\\.\\./)+)flavour/(?:core|aws|peers))$': '$1.cdktn',
        '^cdktf$': 'cdktn',
        '^cdktf/(.*)$': 'cdktn/$1',
        '^@cdktf/provider-aws/(.*)$': '@cdktn/provider-aws/$1',
      },
    },
  ],
};
