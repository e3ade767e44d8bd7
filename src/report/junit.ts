// JUnit XML for Jenkins and GitLab: a suite per category, a test case per rule check, a
// <failure> per finding. Info findings, and with a baseline the unchanged ones, are listed
// in <system-out> without failing. The gate itself is one more test case.
import { CATEGORIES } from '../model/types.js';
import type { Report } from './model.js';

export function xml(v: unknown): string {
  // XML 1.0 forbids most control characters even escaped; site text may contain them.
  return String(v ?? '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

type F = Report['findings'][number];
const fails = (f: F, baseline: boolean) => f.severity !== 'info' && (!baseline || f.baseline === 'new');
const line = (f: F) => `${f.severity}${f.veto ? ' veto' : ''}${f.baseline ? ` [${f.baseline}]` : ''} ${f.target} — ${f.message} (page ${f.url})`;

export function renderJunit(report: Report): string {
  const baseline = report.baseline !== null;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const cat of CATEGORIES) {
    const findings = report.findings.filter((f) => f.category === cat);
    const ids = new Set([...report.rules.filter((r) => r.category === cat).map((r) => r.id), ...findings.map((f) => f.ruleId)]);
    // A rule whose checks produced findings is represented by those checks.
    for (const id of [...ids]) if (!id.includes('/') && findings.some((f) => f.ruleId.startsWith(`${id}/`))) ids.delete(id);
    const errors = report.ruleErrors.filter((e) => report.rules.some((r) => r.id === e.ruleId && r.category === cat));
    if (!ids.size && !errors.length) continue;
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const id of [...ids].sort()) {
      const mine = findings.filter((f) => f.ruleId === id);
      const failing = mine.filter((f) => fails(f, baseline));
      const other = mine.filter((f) => !fails(f, baseline));
      if (failing.length) suiteFailures++;
      cases.push(
        `    <testcase classname="portal-audit.${cat}" name="${xml(id)}" time="0">` +
          failing.map((f) => `\n      <failure type="${xml(f.severity)}" message="${xml(`${f.target}: ${f.message}`.slice(0, 500))}">${xml(line(f))}\n${xml(JSON.stringify(f.evidence).slice(0, 2000))}</failure>`).join('') +
          (other.length ? `\n      <system-out>${xml(other.map(line).join('\n'))}</system-out>` : '') +
          (failing.length || other.length ? '\n    ' : '') +
          '</testcase>',
      );
    }
    for (const e of errors) cases.push(`    <testcase classname="portal-audit.${cat}" name="${xml(e.ruleId)} (rule error)" time="0">\n      <error message="${xml(e.error)}"/>\n    </testcase>`);
    tests += cases.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${xml(cat)}" tests="${cases.length}" failures="${suiteFailures}" errors="${errors.length}" timestamp="${xml(report.generatedAt)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const g = report.gate;
  const fixed = report.baseline?.fixed ?? [];
  const fixedOut = fixed.length ? `\n      <system-out>${xml(['fixed since the baseline:', ...fixed.map((f) => `${f.severity} ${f.ruleId} ${f.target} — ${f.message}`)].join('\n'))}</system-out>\n    ` : '';
  suites.push(
    `  <testsuite name="gate" tests="1" failures="${g.passed ? 0 : 1}" errors="0">\n    <testcase classname="portal-audit.gate" name="${xml(`${report.score.profile} ${report.score.total}/100`)}" time="0">${
      g.passed ? fixedOut : `\n      <failure type="gate" message="${xml(g.reasons[0] ?? 'failed')}">${xml(g.reasons.join('\n'))}</failure>${fixedOut || '\n    '}`
    }</testcase>\n  </testsuite>`,
  );
  tests += 1;
  failures += g.passed ? 0 : 1;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="portal-audit ${xml(report.target.url)}" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
