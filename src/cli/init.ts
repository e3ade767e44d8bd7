// `portal-audit init`: a commented starter config in the current directory.
import { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { UsageError } from '../crawl/resolve.js';
import { GOV_CN_GROUPS } from '../score/gov-cn-table.js';

export const STARTER_CONFIG = `// portal-audit configuration. Found automatically in this directory or any parent;
// command-line flags override it. Every key is optional: delete what you do not need.
// Run \`portal-audit rules\` for rule ids.
export default {
  // Where reports go and which formats (json is always written).
  out: './portal-audit-report',
  format: ['json', 'html', 'md', 'junit', 'sarif', 'csv'],

  // Crawl limits and politeness.
  maxPages: 500,
  maxDepth: 8,
  concurrency: 4,
  delay: 0, // ms between requests to one host (robots.txt Crawl-delay also applies)
  timeout: 20000, // ms per request
  // exclude: ['/search/**', '/en/**'],
  // resolve: ['www.example.gov.cn=127.0.0.1:8080'], // like curl --resolve

  // Accessibility: 'templates' analyses a few pages per DOM template, 'all' every page.
  a11y: 'templates',

  // Scoring. profile: 'gov-cn' (veto items, deductions by indicator group, 60 to pass) or
  // 'general' (0–100 per category, weighted, grades A–F). Default: by domain and language.
  // profile: 'gov-cn',
  scoring: {
    passMark: 60,
    // gov-cn: points per indicator group; they must add up to 100.
    groups: { ${GOV_CN_GROUPS.map((g) => `${g.id}: ${g.points}`).join(', ')} },
    // gov-cn: points one finding costs, by rule check or rule (see README, "Scoring").
    points: { 'links/broken-home': 1, 'links/broken': 0.1 },
    // general: category weights and points per severity.
    // weights: { accessibility: 30 },
    // severityPoints: { critical: 25, serious: 10, moderate: 5, minor: 2 },
  },

  // CI gate: fail under a score, or on findings at a level or worse ('veto', 'critical',
  // 'serious', 'moderate', 'minor'). With --baseline only new findings fail.
  // failUnder: 60,
  // failOn: 'serious',

  // Per rule or per check: enable/disable, change the severity, pass options.
  rules: {
    // 'mobile/small-tap-targets': { severity: 'info' },
    // 'links': { options: { external: false } },
  },
};
`;

export function initCommand(program: Command): void {
  program
    .command('init')
    .description('write a commented starter config (portal-audit.config.mjs) in the current directory')
    .option('--force', 'overwrite an existing file')
    .action((o: { force?: boolean }) => {
      const path = resolvePath('portal-audit.config.mjs');
      if (existsSync(path) && !o.force) throw new UsageError(`${path} exists; use --force to overwrite it`);
      writeFileSync(path, STARTER_CONFIG);
      console.log(`wrote ${path}`);
    });
}
