import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { type Environment, NodeEnv } from '@app/core';

/** Loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved ranges. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True for an address a webhook must not reach unless private hosts are allowed. */
export function isNonPublicAddress(address: string): boolean {
  // BlockList checks IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) against the IPv4 ranges.
  return NOT_PUBLIC.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** WEBHOOK_ALLOW_PRIVATE_HOSTS, or, when unset, everywhere but production. */
export const privateHostsAllowed = (env: Environment): boolean =>
  env.WEBHOOK_ALLOW_PRIVATE_HOSTS ?? env.NODE_ENV !== NodeEnv.Production;

/**
 * Why the URL's host must not receive webhooks (private hosts are not allowed here and it resolves
 * to a non-public address, or does not resolve), or null when it may. Checked when an endpoint is
 * saved and again before each attempt, since DNS can change in between.
 */
export async function refusedTarget(url: string, env: Environment): Promise<string | null> {
  if (privateHostsAllowed(env)) return null;
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return `host ${host} does not resolve`;
  }
  const blocked = addresses.find((a) => isNonPublicAddress(a.address));
  return blocked ? `host ${host} resolves to ${blocked.address}, a loopback, private or reserved address` : null;
}
