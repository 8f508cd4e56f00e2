// Start web-push-testing's server bound to one host (default 127.0.0.1) on a chosen port, in the foreground.
// usage: node start-peer.js [port=8090] [host=127.0.0.1]    (prints "Server running on port N" when ready)
const http = require('http');
const WebPushTestingServer = require('web-push-testing/src/server.js');
const {PushApiModel} = require('web-push-testing/src/PushApiModel.js');

const port = Number(process.argv[2] || 8090);
const host = process.argv[3] || '127.0.0.1';
const model = new PushApiModel();
const server = new WebPushTestingServer(model, port);
model.notifyUrl = `http://${host}:${port}/notify/`;           // upstream hardcodes http://localhost:PORT/notify/
server._app.listen = (p, cb) => http.createServer(server._app).listen(p, host, cb); // upstream listens on all interfaces
server.startServer();
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
