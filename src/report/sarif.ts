// SARIF 2.1.0 for code-scanning dashboards: one reporting descriptor per rule check (with the
// rule's description and standards as help), one result per finding located at its page URL
// (absolute http(s) URIs: dashboards that only annotate repository files list them unannotated).
import { SEVERITIES, type Severity } from '../model/types.js';
import type { Report } from './model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', serious: 'error', moderate: 'warning', minor: 'note', info: 'note' };
const RANK: Record<Severity, string> = { critical: '95', serious: '80', moderate: '50', minor: '20', info: '1' };

export function renderSarif(report: Report): string {
  const meta = new Map(report.rules.map((r) => [r.id, r]));
  const ids = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => {
    const r = meta.get(id.split('/')[0]);
    const help = [r?.description ?? r?.title ?? id, r?.standards.length ? `Standards: ${r.standards.join('; ')}` : ''].filter(Boolean).join('\n\n');
    const mine = report.findings.filter((f) => f.ruleId === id);
    const worst = SEVERITIES.find((s) => mine.some((f) => f.severity === s)) ?? 'moderate';
    const category = r?.category ?? mine[0]?.category;
    return {
      id,
      name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
      shortDescription: { text: r ? `${r.title}${id !== r.id ? ` (${id.slice(r.id.length + 1)})` : ''}` : id },
      fullDescription: { text: r?.description ?? id },
      help: { text: help, markdown: help },
      defaultConfiguration: { level: LEVEL[worst] },
      // GitHub reads security-severity from the rule, and only with a `security` tag.
      properties: {
        category,
        standards: r?.standards ?? [],
        // SARIF tags must be unique; a security rule's category already is the tag GitHub looks for.
        tags: [...new Set(['portal-audit', category ?? '', ...(category === 'security' ? ['security'] : [])].filter(Boolean))],
        ...(category === 'security' ? { 'security-severity': RANK[worst] } : {}),
      },
    };
  });
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    // Info findings are notes about the site, not problems: informational, level none.
    ...(f.severity === 'info' ? { kind: 'informational' as const, level: 'none' as const } : { level: LEVEL[f.severity] }),
    message: { text: `${f.message}${f.target && f.target !== f.url ? ` [${f.target}]` : ''}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: f.url } },
        ...(f.target !== f.url ? { logicalLocations: [{ fullyQualifiedName: f.target, kind: 'element' }] } : {}),
      },
    ],
    partialFingerprints: { 'portalAudit/v1': f.fingerprint },
    ...(f.baseline ? { baselineState: f.baseline } : {}),
    properties: { severity: f.severity, category: f.category, veto: f.veto === true, target: f.target, evidence: f.evidence },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules } },
        automationDetails: { id: `portal-audit/${report.target.host}/${report.asOf}` },
        invocations: [{ executionSuccessful: report.ruleErrors.length === 0, endTimeUtc: report.generatedAt, toolExecutionNotifications: report.ruleErrors.map((e) => ({ level: 'error', message: { text: `${e.ruleId}: ${e.error}` } })) }],
        results,
        // Fixed findings are not results (dashboards would show them as alerts); they are listed here.
        properties: { score: report.score.total, passed: report.score.passed, profile: report.score.profile, gate: report.gate.passed, fixed: report.baseline?.fixed ?? [] },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
