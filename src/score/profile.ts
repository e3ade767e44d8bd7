// Picks a scoring profile and scores findings with it.
import type { Finding, Lang } from '../model/types.js';
import { scoreGeneral } from './general.js';
import { scoreGovCn } from './gov-cn.js';
import type { ProfileId, Score, ScoringSettings } from './types.js';

export * from './types.js';

/** gov-cn for Chinese portals (a .gov.cn host or Chinese pages), general for the rest. */
export function defaultProfile(host: string, lang: Lang): ProfileId {
  return /(^|\.)gov\.cn$/i.test(host) || lang === 'zh' ? 'gov-cn' : 'general';
}

export function score(findings: Finding[], profile: ProfileId, settings: ScoringSettings = {}): Score {
  return profile === 'general' ? scoreGeneral(findings, settings) : scoreGovCn(findings, settings);
}
