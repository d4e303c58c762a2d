// Jest resolver: kubernetes-models, @kubernetes-models/* and their ESM-only
// dependencies have only an `import` condition in their `exports`; resolve them
// with it (ts-jest then compiles them to CommonJS, see jest.config.js).
const ESM_ONLY = /^(kubernetes-models|@kubernetes-models\/[^/]+|is-cidr|cidr-regex|ip-regex)(\/|$)/;

module.exports = (request, options) => {
  if (ESM_ONLY.test(request)) {
    return options.defaultResolver(request, { ...options, conditions: ['import', 'default'] });
  }
  return options.defaultResolver(request, options);
};
