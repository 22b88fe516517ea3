// What VS Code's global fetch does in a given code-server's extension host (README "VS Code
// versions"): 32 requests to a local server, counting its connections.
//   node bench/fetchProbe/probe.mjs <dir with code-server/node_modules/code-server> <node binary> <sslcertfile|http>
// sslcertfile: HTTPS with a fresh CA given only in SSL_CERT_FILE (system bundle + CA): trusted or not,
// and TLS connections; http: plain HTTP, TCP connections (pooling without the certificate question).
// Needs openssl and Chromium (the workbench must be open for the extension host to start).
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';

const [csRoot, nodeBin, mode] = process.argv.slice(2);
const pkg = path.join(csRoot, 'code-server/node_modules/code-server');
const vscodeVersion = JSON.parse(fs.readFileSync(path.join(pkg, 'lib/vscode/package.json'), 'utf8')).version;
const run = fs.mkdtempSync(path.join(os.tmpdir(), 'fetch-probe-'));
const file = (name) => path.join(run, name);
const openssl = (...args) => execFileSync('openssl', args, { stdio: 'ignore' });
openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=fetch probe CA',
  '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-subj', '/CN=localhost');
fs.writeFileSync(file('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
openssl('x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('leaf.pem'), '-days', '1', '-extfile', file('ext.cnf'));
fs.writeFileSync(file('bundle.pem'), fs.readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8') + fs.readFileSync(file('ca.pem'), 'utf8'));

let connections = 0;
let requests = 0;
const secure = https.createServer({ key: fs.readFileSync(file('leaf.key')), cert: fs.readFileSync(file('leaf.pem')) }, (_req, res) => { requests++; res.end('ok'); });
secure.on('secureConnection', () => connections++);
const plain = http.createServer((_req, res) => { requests++; res.end('ok'); });
plain.on('connection', () => connections++);
const children = [];
const finish = (out) => {
  console.log(JSON.stringify({ codeServer: JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version, vscode: vscodeVersion, mode, requests, connections, ...out }));
  for (const child of children) {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
  }
  setTimeout(() => process.exit(0), 500);
};
const done = http.createServer((req, res) => { res.end('ok'); finish({ result: JSON.parse(decodeURIComponent(req.url.split('?')[1])) }); });
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
await Promise.all([listen(secure), listen(plain), listen(done)]);

fs.cpSync(path.join(import.meta.dirname, 'extension'), path.join(run, 'extensions', 'probe.fetch-probe-0.0.1'), { recursive: true });
fs.mkdirSync(file('workspace'));
const port = 40000 + Math.floor(Math.random() * 10000);
const env = {
  ...process.env, HOME: run,
  PROBE_URL: mode === 'http' ? `http://127.0.0.1:${plain.address().port}` : `https://localhost:${secure.address().port}`,
  PROBE_DONE: `http://127.0.0.1:${done.address().port}`,
  SSL_CERT_FILE: file('bundle.pem'),
};
delete env.NODE_EXTRA_CA_CERTS;
const log = fs.openSync(file('code-server.log'), 'a');
children.push(spawn(nodeBin, [path.join(pkg, 'out/node/entry.js'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', file('user-data'),
  '--extensions-dir', file('extensions'), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', file('workspace')], { env, stdio: ['ignore', log, log], detached: true }));
const started = Date.now();
const openWorkbench = () => http.get(`http://127.0.0.1:${port}/healthz`, (r) => {
  r.resume();
  children.push(spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', `--user-data-dir=${file('chromium')}`, `http://127.0.0.1:${port}/?folder=${file('workspace')}`], { stdio: 'ignore', detached: true }));
}).on('error', () => (Date.now() - started < 60_000 ? setTimeout(openWorkbench, 500) : finish({ error: 'code-server did not start; see ' + file('code-server.log') })));
setTimeout(openWorkbench, 1000);
setTimeout(() => finish({ error: 'no answer from the extension host in 150 s; see ' + file('code-server.log') }), 150_000);
