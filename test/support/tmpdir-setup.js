// Every temp folder the tests make (cdk8s and cdktf Testing apps make one per app) goes under
// one folder of this run, which the teardown removes: nothing is left in the OS temp dir.
// Set here, in jest's parent process, so that the workers it then starts inherit it.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-test-run-'));
  process.env.NOXUS_TEST_TMPDIR = own;
  process.env.TMPDIR = own;
};
