// Which related hosts the audit follows for the rules that read them (letters, service halls).
import { describe, expect, it } from 'vitest';
import { satelliteEntries } from '../src/crawl/satellites.js';
import type { Link, Page, Snapshot } from '../src/model/types.js';

const link = (url: string, text: string): Link => ({ url, href: url, text, region: 'footer', tag: 'a' });
const home = (links: Link[]): Page => ({ url: 'http://www.county.gov.cn/', html: true, error: null, links } as unknown as Page);
const snapshot = (links: Link[]): Snapshot => ({ origin: 'http://www.county.gov.cn', pages: [home(links)] } as unknown as Snapshot);
const letters = (l: Link) => /信箱/.test(l.text);
const services = (l: Link) => /政务服务/.test(l.text);

describe('satelliteEntries', () => {
  it('gives each rule its own hosts: six provinces\' service halls in a footer do not crowd out the letter system', () => {
    const halls = ['bj', 'sh', 'zj', 'js', 'gd', 'sc'].map((p) => link(`http://zwfw.${p}.gov.cn/`, `${p}政务服务网`));
    const s = snapshot([...halls, link('http://hdjl.county.gov.cn/xx/', '县长信箱')]);
    const hosts = satelliteEntries(s, [letters, services], { maxHosts: 5, maxPagesPerHost: 60, maxDepth: 3 }).map((e) => new URL(e.url).host);
    expect(hosts).toContain('hdjl.county.gov.cn');
    expect(hosts.filter((h) => h.startsWith('zwfw.'))).toHaveLength(5);
  });
  it('follows the government\'s own hall before other governments\' ones, and never a host of another kind', () => {
    const s = snapshot([
      ...['a', 'b', 'c', 'd', 'e'].map((p) => link(`http://zwfw.${p}.gov.cn/`, `${p}政务服务网`)),
      link('http://zwfw.county.gov.cn/', '本县政务服务网'),
      link('http://www.vendor.example.com/', '政务服务平台'),
    ]);
    const hosts = satelliteEntries(s, [services], { maxHosts: 5, maxPagesPerHost: 60, maxDepth: 3 }).map((e) => new URL(e.url).host);
    expect(hosts[0]).toBe('zwfw.county.gov.cn');
    expect(hosts).toHaveLength(5);
    expect(hosts).not.toContain('www.vendor.example.com');
  });
});
