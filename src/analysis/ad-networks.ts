// Hosts that serve commercial advertising (ad exchanges and networks, not analytics): a script or
// frame from one of them on a government site is an inspection item (国办发〔2017〕47号: no
// commercial advertising). Data: extend freely; a host matches itself and its subdomains.
export const AD_NETWORKS: { network: string; hosts: string[] }[] = [
  { network: 'Google Ads / AdSense', hosts: ['googlesyndication.com', 'doubleclick.net', 'googleadservices.com', 'adservice.google.com'] },
  { network: '百度联盟（百青藤）', hosts: ['cpro.baidustatic.com', 'cpro.baidu.com', 'pos.baidu.com', 'dup.baidustatic.com'] },
  { network: '阿里妈妈', hosts: ['tanx.com', 'alimama.cn', 'alimama.com'] },
  { network: '腾讯广点通', hosts: ['gdt.qq.com'] },
  { network: '360 点睛', hosts: ['mediav.com', 'lianmeng.360.cn'] },
  { network: '搜狗联盟', hosts: ['union.sogou.com', 'inte.sogou.com'] },
  { network: '穿山甲（巨量引擎）', hosts: ['pangolin-sdk-toutiao.com'] },
  { network: 'Amazon Ads', hosts: ['amazon-adsystem.com'] },
  { network: 'Xandr / AppNexus', hosts: ['adnxs.com'] },
  { network: 'Criteo', hosts: ['criteo.com', 'criteo.net'] },
  { network: 'Taboola', hosts: ['taboola.com'] },
  { network: 'Outbrain', hosts: ['outbrain.com'] },
  { network: 'PubMatic', hosts: ['pubmatic.com'] },
  { network: 'Magnite / Rubicon', hosts: ['rubiconproject.com'] },
];

/** The ad network a URL belongs to, or null. */
export function adNetworkOf(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (const n of AD_NETWORKS) if (n.hosts.some((h) => host === h || host.endsWith(`.${h}`))) return n.network;
  return null;
}
