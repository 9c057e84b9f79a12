// Stands in for readable-stream (a userland copy of Node's streams that winston and its transports require)
// in Lambda bundles: Node 22's own stream module has the same API and is already loaded.
const stream = require('node:stream');

module.exports = stream;
module.exports.default = stream;
