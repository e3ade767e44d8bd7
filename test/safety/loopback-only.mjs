// Safety net preloaded into CLI processes under test (NODE_OPTIONS=--import): any socket
// connection to a non-loopback address is stopped before a packet is sent, and recorded in
// $PA_NET_VIOLATIONS so the test fails. Independent of the network guard it checks.
import net from 'node:net';
import { appendFileSync } from 'node:fs';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = typeof args[0] === 'object' && args[0] !== null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  const host = String(o?.host ?? 'localhost').replace(/^\[|\]$/g, '');
  if (!o?.path && !LOOPBACK.test(host)) {
    if (process.env.PA_NET_VIOLATIONS) appendFileSync(process.env.PA_NET_VIOLATIONS, `${host}:${o?.port}\n`);
    process.nextTick(() => this.destroy(Object.assign(new Error(`safety net: ${host} is not loopback`), { code: 'ESAFETYNET' })));
    return this;
  }
  return original.apply(this, args);
};
