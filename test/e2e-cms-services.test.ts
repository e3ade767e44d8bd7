// Service guides on a province-wide service hall, in shapes real halls print (issue 24): read
// there, attributed to the county only when they name it, a notice on how to apply left alone.
import { describe, expect, it } from 'vitest';
import { BIANMIN, HALL_GUIDES, NOTICE_PATH, PROVINCE_HALL } from '../fixtures/cms/sites/services.js';
import { galleryAuditOnce } from './helpers/gallery.js';

const audit = galleryAuditOnce('services', { rules: { 'transport-security': { enabled: false }, search: { enabled: false } } });
const hall = (path: string) => `http://${PROVINCE_HALL}${path}`;
type F = { ruleId: string; severity: string; url: string; target: string; veto?: boolean; evidence: Record<string, unknown> };
type Guide = { url: string; level: number; department: string; missing: string[]; empty: string[] };

describe('CMS gallery: service guides on a province hall', () => {
  it('reads both of the county\'s guides there, the th/td one complete and fully online', () => {
    const r = audit().report;
    expect(r.crawl.satellites.map((s: { host: string }) => s.host)).toEqual([PROVINCE_HALL]);
    const data = r.data.services;
    expect(data.list.map((g: Guide) => g.url).sort()).toEqual([hall(HALL_GUIDES.table.path), hall(HALL_GUIDES.accordion.path)].sort());
    const table = data.list.find((g: Guide) => g.url === hall(HALL_GUIDES.table.path));
    expect(table).toMatchObject({ level: 4, department: '便民县医疗保障局', missing: [], empty: [] });
    const accordion = data.list.find((g: Guide) => g.url === hall(HALL_GUIDES.accordion.path));
    expect(accordion).toMatchObject({ level: 1, department: '便民县残疾人联合会', missing: [], empty: ['materials'] });
  });

  it('finds the empty 申请材料 of the accordion guide, and nothing else in services', () => {
    const r = audit().report;
    const services = r.findings.filter((f: F) => f.ruleId.startsWith('services/'));
    expect(services.map((f: F) => [f.ruleId, f.url, f.severity])).toEqual([['services/guide-incomplete', hall(HALL_GUIDES.accordion.path), 'moderate']]);
    expect(services[0].evidence).toMatchObject({ missing: [], empty: ['materials'] });
    expect(r.score.veto).toEqual([]);
  });

  it('leaves out the neighbouring county\'s guide and the notice on how to apply', () => {
    const r = audit().report;
    expect(r.data.services.notAttributed).toBe(1);
    expect(r.findings.some((f: F) => f.url === hall(HALL_GUIDES.neighbour.path) || f.target === hall(HALL_GUIDES.neighbour.path))).toBe(false);
    expect(r.data.services.list.some((g: Guide) => g.url === `http://${BIANMIN.host}${NOTICE_PATH}`)).toBe(false);
  });
});
