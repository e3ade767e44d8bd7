import { describe, expect, it } from 'vitest';
import { ADVISORIES, END_OF_LIFE } from '../src/analysis/js-advisories.js';
import { assessLibrary, compareVersions, libraryFromBanner, libraryFromUrl } from '../src/analysis/js-libraries.js';

const ids = (lib: string, version: string) => assessLibrary({ library: lib, version }).advisories.flatMap((a) => a.ids);

describe('libraryFromUrl', () => {
  it.each([
    ['https://a.gov.cn/js/jquery-1.8.3.min.js', 'jquery', '1.8.3', 'filename'],
    ['/js/jquery.1.8.3.js', 'jquery', '1.8.3', 'filename'],
    ['js/jquery-1.12.4.js', 'jquery', '1.12.4', 'filename'],
    ['https://code.jquery.com/jquery-3.5.1.slim.min.js', 'jquery', '3.5.1', 'filename'],
    ['/static/JS/jQuery-1.7.2.min.js', 'jquery', '1.7.2', 'filename'],
    ['https://ajax.googleapis.com/ajax/libs/jquery/1.12.4/jquery.min.js', 'jquery', '1.12.4', 'path'],
    ['https://cdn.jsdelivr.net/npm/jquery@3.4.1/dist/jquery.min.js', 'jquery', '3.4.1', 'path'],
    ['https://unpkg.com/jquery@3.4.1/dist/jquery.min.js', 'jquery', '3.4.1', 'path'],
    ['/wp-includes/js/jquery/jquery.min.js?ver=1.12.4', 'jquery', '1.12.4', 'query'],
    ['/wp-includes/js/jquery/jquery.js?ver=1.12.4-wp', 'jquery', '1.12.4', 'query'],
    ['/lib/bootstrap-3.3.7/js/bootstrap.min.js', 'bootstrap', '3.3.7', 'path'],
    ['/lib/bootstrap-3.3.7-dist/js/bootstrap.min.js', 'bootstrap', '3.3.7', 'path'],
    ['https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/3.3.7/js/bootstrap.min.js', 'bootstrap', '3.3.7', 'path'],
    ['https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.bundle.min.js', 'bootstrap', '4.3.1', 'path'],
    ['/js/bootstrap-4.0.0-beta.min.js', 'bootstrap', '4.0.0-beta', 'filename'],
    ['https://cdnjs.cloudflare.com/ajax/libs/angular.js/1.5.8/angular.min.js', 'angularjs', '1.5.8', 'path'],
    ['https://ajax.googleapis.com/ajax/libs/angularjs/1.5.8/angular.min.js', 'angularjs', '1.5.8', 'path'],
    ['/js/jquery-ui-1.10.4.custom.min.js', 'jquery-ui', '1.10.4', 'filename'],
    ['https://code.jquery.com/ui/1.12.1/jquery-ui.min.js', 'jquery-ui', '1.12.1', 'path'],
    ['https://ajax.googleapis.com/ajax/libs/jqueryui/1.10.4/jquery-ui.min.js', 'jquery-ui', '1.10.4', 'path'],
    ['https://cdn.jsdelivr.net/npm/lodash@4.17.4', 'lodash', '4.17.4', 'path'],
    ['https://cdn.jsdelivr.net/npm/lodash@4.17.4/lodash.min.js', 'lodash', '4.17.4', 'path'],
    ['https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.4/lodash.min.js', 'lodash', '4.17.4', 'path'],
    ['/js/moment-2.18.1.min.js', 'moment', '2.18.1', 'filename'],
    ['https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/moment-with-locales.min.js', 'moment', '2.18.1', 'path'],
    ['https://cdn.jsdelivr.net/npm/vue@2.6.14/dist/vue.runtime.min.js', 'vue', '2.6.14', 'path'],
    ['https://cdnjs.cloudflare.com/ajax/libs/handlebars.js/4.0.11/handlebars.min.js', 'handlebars', '4.0.11', 'path'],
    ['https://cdnjs.cloudflare.com/ajax/libs/dompurify/2.0.8/purify.min.js', 'dompurify', '2.0.8', 'path'],
  ])('%s → %s %s', (url, library, version, how) => {
    expect(libraryFromUrl(url)).toEqual({ library, version, how });
  });

  it('does not take cache-busting numbers for versions', () => {
    expect(libraryFromUrl('/js/jquery.min.js?v=20240305')).toBeNull();
    expect(libraryFromUrl('/js/jquery.min.js?t=1699999999')).toBeNull();
    expect(libraryFromUrl('/js/jquery.min.js?ver=20240305')).toBeNull();
    expect(libraryFromUrl('/static/20240305/jquery.min.js')).toBeNull();
    expect(libraryFromUrl('/js/jquery-20240305.min.js')).toBeNull();
    expect(libraryFromUrl('/js/jquery-1.8.3.min.js?v=20240305')).toMatchObject({ library: 'jquery', version: '1.8.3' });
  });

  it('ignores unrelated scripts, plugins and versions that belong to something else', () => {
    for (const url of [
      '/js/main.js',
      'https://hm.baidu.com/hm.js?abc123',
      '/js/jquery.min.js',
      '/js/jquery-migrate-1.4.1.min.js',
      '/wp-includes/js/jquery/jquery-migrate.min.js?ver=3.4.1',
      '/js/jquery.validate.min.js?ver=1.19.5',
      '/lib/bootstrap-3.3.7/js/bootstrap-datepicker.js',
      '/lib/jquery-ui-1.12.1/external/jquery/jquery.js',
      '/assets/1.0.2/jquery.min.js',
      'https://cdn.jsdelivr.net/npm/@angular/core@15.0.0/fesm2015/core.mjs',
      'https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js',
      '',
      'javascript:void(0)',
    ]) {
      expect(libraryFromUrl(url), url).toBeNull();
    }
  });
});

describe('libraryFromBanner', () => {
  it.each([
    ['/*! jQuery v1.12.4 | (c) jQuery Foundation | jquery.org/license */\n!function(a,b){', 'jquery', '1.12.4'],
    ['/*!\n * jQuery JavaScript Library v1.8.3\n * http://jquery.com/\n', 'jquery', '1.8.3'],
    ['/*!\n * Bootstrap v3.3.7 (http://getbootstrap.com)\n * Copyright 2011-2016 Twitter, Inc.\n', 'bootstrap', '3.3.7'],
    ['/*!\n  * Bootstrap v4.0.0-beta (https://getbootstrap.com)\n', 'bootstrap', '4.0.0-beta'],
    ['/*! jQuery UI - v1.10.4 - 2014-01-17\n* http://jqueryui.com\n', 'jquery-ui', '1.10.4'],
    ['/**\n * @license AngularJS v1.5.8\n * (c) 2010-2016 Google, Inc. http://angularjs.org\n', 'angularjs', '1.5.8'],
    ['/*\n AngularJS v1.5.8\n (c) 2010-2016 Google, Inc. http://angularjs.org\n License: MIT\n*/', 'angularjs', '1.5.8'],
    ['/**\n * @license\n * lodash 4.17.4 <https://lodash.com/>\n', 'lodash', '4.17.4'],
    ["/**\n * @license\n * Lodash <https://lodash.com/>\n * Copyright OpenJS Foundation\n */\n;(function() {\n  var undefined;\n  /** Used as the semantic version number. */\n  var VERSION = '4.17.21';\n", 'lodash', '4.17.21'],
    ['//! moment.js\n//! version : 2.18.1\n//! authors : Tim Wood, Iskren Chernev, Moment.js contributors\n', 'moment', '2.18.1'],
    ['/*!\n * Vue.js v2.6.14\n * (c) 2014-2021 Evan You\n * Released under the MIT License.\n */', 'vue', '2.6.14'],
    ['/**!\n\n @license\n handlebars v4.0.11\n\nCopyright (C) 2011-2017 by Yehuda Katz\n', 'handlebars', '4.0.11'],
    ['/*! @license DOMPurify 2.3.0 | (c) Cure53 and other contributors | Released under the Apache license 2.0 */', 'dompurify', '2.3.0'],
  ])('%j', (text, library, version) => {
    expect(libraryFromBanner(text)).toEqual({ library, version, how: 'banner' });
  });

  it('reads the first banner of a concatenated bundle', () => {
    const bundle = '/*! jQuery v1.12.4 | (c) jQuery Foundation */\n...\n/*!\n * Bootstrap v3.3.7 (http://getbootstrap.com)\n';
    expect(libraryFromBanner(bundle)).toMatchObject({ library: 'jquery', version: '1.12.4' });
  });

  it('does not read requirements or add-ons as the library', () => {
    expect(libraryFromBanner('/*!\n * jQuery Form Plugin\n * version: 4.2.2\n * Requires jQuery v1.7.2 or later\n */')).toBeNull();
    expect(libraryFromBanner('/*! jQuery Migrate v3.4.1 | (c) OpenJS Foundation */')).toBeNull();
    expect(libraryFromBanner('/*!\n * Bootstrap-select v1.13.14 (https://developer.snapappointments.com/bootstrap-select)\n')).toBeNull();
    expect(libraryFromBanner('/**\n * @license\n * Lodash lodash.com/license | Underscore.js 1.8.3 underscorejs.org/LICENSE\n */\n;(function(){')).toBeNull();
    expect(libraryFromBanner('(function(){var a=1;window.hm=a})();')).toBeNull();
  });
});

describe('compareVersions', () => {
  it('compares dotted numbers numerically', () => {
    expect(compareVersions('1.12.4', '1.9.0')).toBe(1);
    expect(compareVersions('1.9.0', '1.12.4')).toBe(-1);
    expect(compareVersions('3.5.0', '3.5')).toBe(0);
    expect(compareVersions('3.5', '3.5.1')).toBe(-1);
    expect(compareVersions('v2.6.14', '2.6.14')).toBe(0);
  });
  it('sorts pre-releases before the release', () => {
    expect(compareVersions('4.0.0-beta', '4.0.0')).toBe(-1);
    expect(compareVersions('4.0.0', '4.0.0-beta')).toBe(1);
    expect(compareVersions('4.0.0-alpha', '4.0.0-beta')).toBe(-1);
    expect(compareVersions('4.0.0-beta.2', '4.0.0-beta.10')).toBe(-1);
    expect(compareVersions('2.7.16', '3.0.0-alpha.0')).toBe(-1);
  });
});

describe('assessLibrary', () => {
  it('jQuery 1.8.3: several advisories and end of life', () => {
    const v = assessLibrary({ library: 'jquery', version: '1.8.3' });
    expect(v.advisories.flatMap((a) => a.ids)).toEqual(
      expect.arrayContaining(['CVE-2012-6708', 'CVE-2015-9251', 'CVE-2019-11358', 'CVE-2020-11022', 'CVE-2020-11023']),
    );
    expect(v.advisories.flatMap((a) => a.ids)).not.toContain('CVE-2011-4969');
    expect(v.endOfLife).toMatch(/1\.x and 2\.x/);
    expect(v.severity).toBe('moderate');
  });
  it('jQuery 3.7.1: nothing', () => {
    expect(assessLibrary({ library: 'jquery', version: '3.7.1' })).toEqual({ library: 'jquery', version: '3.7.1', advisories: [], endOfLife: null, severity: null });
  });
  it('keeps range bounds: 1.12.4 is not below 1.9.0; 3.5.0 is fixed', () => {
    expect(ids('jquery', '1.12.4')).not.toContain('CVE-2012-6708');
    expect(ids('jquery', '3.4.1')).toEqual(['CVE-2020-11022', 'CVE-2020-11023']);
    expect(ids('jquery', '3.5.0')).toEqual([]);
  });
  it('Bootstrap 3.3.7 and 4.3.1', () => {
    const b3 = assessLibrary({ library: 'bootstrap', version: '3.3.7' });
    expect(b3.advisories.flatMap((a) => a.ids)).toEqual(expect.arrayContaining(['CVE-2018-14040', 'CVE-2018-14042', 'CVE-2019-8331']));
    expect(b3.advisories.flatMap((a) => a.ids)).not.toContain('CVE-2018-14041');
    expect(b3.endOfLife).not.toBeNull();
    expect(b3.severity).toBe('moderate');
    expect(assessLibrary({ library: 'bootstrap', version: '4.3.1' })).toMatchObject({ advisories: [], endOfLife: null, severity: null });
    expect(ids('bootstrap', '4.1.1')).toEqual(expect.arrayContaining(['CVE-2018-14041', 'CVE-2019-8331']));
    expect(ids('bootstrap', '4.3.0')).toEqual(['CVE-2019-8331']);
  });
  it('AngularJS 1.5.8: advisory and end of life', () => {
    const v = assessLibrary({ library: 'angularjs', version: '1.5.8' });
    expect(v.advisories.flatMap((a) => a.ids)).toEqual(expect.arrayContaining(['CVE-2020-7676', 'CVE-2019-10768']));
    expect(v.endOfLife).toMatch(/2021/);
    expect(v.severity).toBe('serious');
    // Still end of life at the last release, with no open advisory on record.
    expect(assessLibrary({ library: 'angularjs', version: '1.8.3' })).toMatchObject({ advisories: [], severity: 'minor' });
  });
  it('honours lower bounds (atLeast)', () => {
    expect(ids('moment', '2.17.1')).not.toContain('CVE-2022-31129');
    expect(ids('moment', '2.18.1')).toContain('CVE-2022-31129');
    expect(ids('moment', '2.29.4')).toEqual([]);
    expect(ids('lodash', '4.17.4')).toEqual(expect.arrayContaining(['CVE-2019-10744', 'CVE-2021-23337']));
    expect(assessLibrary({ library: 'lodash', version: '4.17.4' }).severity).toBe('critical');
    expect(ids('lodash', '4.17.21')).toEqual([]);
    expect(ids('handlebars', '4.7.7')).toEqual([]);
  });
  it('Vue 2 is end of life; Vue 3 is not', () => {
    expect(assessLibrary({ library: 'vue', version: '2.7.16' }).endOfLife).toMatch(/Vue 2/);
    expect(assessLibrary({ library: 'vue', version: '3.4.21' })).toMatchObject({ advisories: [], endOfLife: null, severity: null });
  });
  it('unknown libraries get nothing', () => {
    expect(assessLibrary({ library: 'left-pad', version: '1.0.0' })).toMatchObject({ advisories: [], endOfLife: null, severity: null });
  });
});

describe('advisory data', () => {
  const version = /^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/;
  it.each(ADVISORIES.map((a) => [`${a.library} < ${a.below} ${a.ids.join(',')}`, a] as const))('%s is well formed', (_, a) => {
    expect(a.ids.length).toBeGreaterThan(0);
    for (const id of a.ids) expect(id).toMatch(/^CVE-\d{4}-\d{4,}$/);
    expect(a.below).toMatch(version);
    if (a.atLeast) {
      expect(a.atLeast).toMatch(version);
      expect(compareVersions(a.atLeast, a.below)).toBe(-1);
    }
    expect(['critical', 'serious', 'moderate', 'minor']).toContain(a.severity);
    expect(a.summary.length).toBeGreaterThan(10);
    expect(a.summary).not.toMatch(/\n/);
  });
  it('end-of-life entries have a parseable bound when they have one', () => {
    for (const e of END_OF_LIFE) if (e.below) expect(e.below).toMatch(version);
  });
});
