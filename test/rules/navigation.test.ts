import { describe, expect, it } from 'vitest';
import { runRuleOnFolder } from '../helpers/rule.js';

type Task = { id: string; found: boolean; depth: number | null; matchedBy: string | null };
const tasksOf = (r: Awaited<ReturnType<typeof runRuleOnFolder>>) => (r.data.navigation as { keyTasks: Task[] }).keyTasks;

describe('navigation on an English site', () => {
  it('finds key tasks by their English names and reports the two it lacks', async () => {
    const r = await runRuleOnFolder('navigation', 'navigation/english');
    expect(r.errors).toEqual([]);
    expect(Object.fromEntries(tasksOf(r).map((t) => [t.id, t.depth]))).toEqual({
      services: 1, 'disclosure-catalogue': null, 'disclosure-guide': null, 'disclosure-request': 3, policies: 1, mailbox: 1, 'new-media': 1, search: 0,
    });
    const missing = r.findings.filter((f) => f.ruleId === 'navigation/key-task-missing');
    expect(missing.map((f) => f.target).sort()).toEqual(['信息公开指南', '信息公开目录']);
    expect(r.findings.some((f) => f.ruleId === 'navigation/key-task-deep')).toBe(false);
    // Depth 3 and more without a breadcrumb: request, archive, 2019, jobs.
    expect(r.findings.filter((f) => f.ruleId === 'navigation/no-breadcrumb')).toHaveLength(4);
    expect(r.findings.some((f) => f.ruleId === 'navigation/menu-overload')).toBe(false);
  });
  it('takes a custom task list, depth limit and menu limit from the options', async () => {
    const r = await runRuleOnFolder('navigation', 'navigation/english', {
      settings: { navigation: { options: { maxDepth: 2, maxMenuItems: 5, tasks: [{ id: 'jobs', zh: ['招聘'], en: ['Jobs'] }, { id: 'foi', zh: [], en: ['FOI request'] }] } } },
    });
    const deep = r.findings.filter((f) => f.ruleId === 'navigation/key-task-deep');
    expect(deep.map((f) => [f.evidence.task, f.evidence.depth, (f.evidence.path as unknown[]).length])).toEqual([['jobs', 5, 6], ['foi', 3, 4]]);
    const menu = r.findings.find((f) => f.ruleId === 'navigation/menu-overload')!;
    expect(menu).toMatchObject({ target: 'Main (6 items, 1 levels)', evidence: { items: 6, pageCount: 11 } });
  });
});
