// readable-stream/lib/_stream_writable.js, which winston-transport requires: Node's own Writable.
module.exports = require('node:stream').Writable;
