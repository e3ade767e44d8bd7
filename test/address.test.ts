// The address classifier behind the network guard: pure, no packets.
import { describe, expect, it } from 'vitest';
import { canonicalAddress, classifyAddress } from '../src/crawl/address.js';

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'], ['202.96.209.5', 'public'], ['2400:3200::1', 'public'],
    ['127.0.0.1', 'loopback'], ['127.8.9.10', 'loopback'], ['::1', 'loopback'], ['[::1]', 'loopback'],
    ['10.0.0.5', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['100.64.0.1', 'private'], ['fd12:3456::1', 'private'], ['fc00::1', 'private'],
    ['172.15.0.1', 'public'], ['172.32.0.1', 'public'], ['100.128.0.1', 'public'],
    ['169.254.1.1', 'link-local'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local'],
    ['169.254.169.254', 'metadata'], ['100.100.100.200', 'metadata'], ['169.254.0.23', 'metadata'], ['fd00:ec2::254', 'metadata'],
    ['0.0.0.0', 'unspecified'], ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'], ['ff02::1', 'multicast'], ['255.255.255.255', 'reserved'], ['240.0.0.1', 'reserved'], ['192.0.2.1', 'reserved'], ['2001:db8::1', 'reserved'],
  ])('%s is %s', (ip, cls) => expect(classifyAddress(ip)).toBe(cls));

  it('sees through IPv4-mapped and NAT64 IPv6', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('[::ffff:10.1.2.3]')).toBe('private');
    expect(classifyAddress('::ffff:169.254.169.254')).toBe('metadata');
    expect(classifyAddress('64:ff9b::a9fe:a9fe')).toBe('metadata');
    expect(classifyAddress('::ffff:8.8.8.8')).toBe('public');
  });

  it('reads decimal, hex, octal and short IPv4 spellings', () => {
    expect(classifyAddress('2130706433')).toBe('loopback');
    expect(classifyAddress('0x7f000001')).toBe('loopback');
    expect(classifyAddress('0177.0.0.1')).toBe('loopback');
    expect(classifyAddress('127.1')).toBe('loopback');
    expect(classifyAddress('0xa9.0xfe.0xa9.0xfe')).toBe('metadata');
    expect(classifyAddress('2852039166')).toBe('metadata');
    expect(classifyAddress('10.1')).toBe('private');
    expect(canonicalAddress('2130706433')).toBe('127.0.0.1');
  });

  it('is null for hostnames and malformed literals', () => {
    for (const h of ['www.gov.cn', 'localhost', '256.1.1.1', '1.2.3.4.5', '08.1.1.1', '1..2', '']) expect(classifyAddress(h), h).toBeNull();
  });
});
