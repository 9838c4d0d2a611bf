import { type Environment, NodeEnv } from '@app/core';
import { isNonPublicAddress, privateHostsAllowed, refusedTarget } from './webhook-target';

describe('webhook targets', () => {
  it.each(['127.0.0.1', '10.2.3.4', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0'])(
    'treats %s as not public',
    (address) => expect(isNonPublicAddress(address)).toBe(true),
  );

  it.each(['::1', '::', 'fd12:3456::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:7f00:1'])(
    'treats the IPv6 address %s as not public',
    (address) => expect(isNonPublicAddress(address)).toBe(true),
  );

  it.each(['8.8.8.8', '172.32.0.1', '11.0.0.1', '2001:4860:4860::8888'])('treats %s as public', (address) =>
    expect(isNonPublicAddress(address)).toBe(false),
  );

  it('refuses URLs whose host is or resolves to a loopback or private address, and accepts public ones', async () => {
    const production = { NODE_ENV: NodeEnv.Production } as Environment;
    expect(await refusedTarget('http://127.0.0.1:8080/hook', production)).toBe(
      'host 127.0.0.1 resolves to 127.0.0.1, a loopback, private or reserved address',
    );
    expect(await refusedTarget('https://[::1]/hook', production)).toContain('resolves to ::1');
    expect(await refusedTarget('http://localhost:3000/hook', production)).toContain(
      'a loopback, private or reserved address',
    );
    expect(await refusedTarget('https://10.0.0.7/hook', production)).toContain('resolves to 10.0.0.7');
    expect(await refusedTarget('https://8.8.8.8/hook', production)).toBeNull();
  });

  it('allows private hosts outside production unless WEBHOOK_ALLOW_PRIVATE_HOSTS says otherwise', () => {
    const env = (NODE_ENV: NodeEnv, WEBHOOK_ALLOW_PRIVATE_HOSTS?: boolean) =>
      ({ NODE_ENV, WEBHOOK_ALLOW_PRIVATE_HOSTS }) as Environment;
    expect(privateHostsAllowed(env(NodeEnv.Production))).toBe(false);
    expect(privateHostsAllowed(env(NodeEnv.Development))).toBe(true);
    expect(privateHostsAllowed(env(NodeEnv.Test))).toBe(true);
    expect(privateHostsAllowed(env(NodeEnv.Production, true))).toBe(true);
    expect(privateHostsAllowed(env(NodeEnv.Development, false))).toBe(false);
  });

  it('checks no host where private hosts are allowed', async () => {
    expect(
      await refusedTarget('http://127.0.0.1:8080/hook', { NODE_ENV: NodeEnv.Development } as Environment),
    ).toBeNull();
  });
});
