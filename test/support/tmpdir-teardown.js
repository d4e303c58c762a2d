const fs = require('fs');

module.exports = async () => {
  if (process.env.NOXUS_TEST_TMPDIR) fs.rmSync(process.env.NOXUS_TEST_TMPDIR, { recursive: true, force: true });
};
