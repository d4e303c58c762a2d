// `npm run test:terraform`: every AWS stack the project synthesizes, planned with the real Terraform
// provider (test/terraform-plan/*.plan.ts). Not part of `npm test`: it needs terraform and a provider.
// The same transform, resolver and package mapping as jest.config.js's cdktf project.
const main = require('./jest.config.js');

const { displayName, testMatch, testPathIgnorePatterns, ...cdktf } = main.projects[0];

/** @type {import('jest').Config} */
module.exports = {
  ...cdktf,
  displayName: 'terraform-plan',
  roots: ['<rootDir>/test/terraform-plan'],
  testMatch: ['**/*.plan.ts'],
  globalSetup: main.globalSetup,
  globalTeardown: main.globalTeardown,
  verbose: true,
};
