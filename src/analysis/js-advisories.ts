// Known advisories for client-side libraries a crawler can see, as data. Ranges and ids are
// taken from the CVE records and the GitHub advisory database (github.com/advisories); severity
// follows the GitHub advisory's rating (critical, high → serious, moderate, low → minor).
// Meant to be extended: add an entry only when its affected range is on record. A record that
// names two ranges (e.g. a 3.x and a 4.x line) becomes two entries with the same ids.

export type AdvisorySeverity = 'critical' | 'serious' | 'moderate' | 'minor';

export interface Advisory {
  /** Canonical id: 'jquery', 'jquery-ui', 'bootstrap', 'angularjs', 'lodash', 'moment', 'vue', 'handlebars', 'dompurify'. */
  library: string;
  /** Affected when version < below (the first fixed release). */
  below: string;
  /** And version >= atLeast, when the record gives a lower bound. */
  atLeast?: string;
  ids: string[];
  severity: AdvisorySeverity;
  summary: string;
}

export const ADVISORIES: Advisory[] = [
  // jQuery
  { library: 'jquery', below: '1.6.3', ids: ['CVE-2011-4969'], severity: 'moderate', summary: 'XSS when location.hash is used to select elements.' },
  { library: 'jquery', below: '1.9.0', ids: ['CVE-2012-6708'], severity: 'moderate', summary: 'XSS: jQuery(strInput) treats a string with "<" anywhere as HTML.' },
  { library: 'jquery', below: '3.0.0', ids: ['CVE-2015-9251'], severity: 'moderate', summary: 'Cross-domain Ajax responses of type text/javascript are executed (XSS).' },
  { library: 'jquery', below: '3.4.0', ids: ['CVE-2019-11358'], severity: 'moderate', summary: 'Prototype pollution in jQuery.extend(true, …).' },
  { library: 'jquery', atLeast: '1.2.0', below: '3.5.0', ids: ['CVE-2020-11022'], severity: 'moderate', summary: 'XSS: HTML passed to .html(), .append() etc. may run code even after sanitizing.' },
  { library: 'jquery', atLeast: '1.0.3', below: '3.5.0', ids: ['CVE-2020-11023'], severity: 'moderate', summary: 'XSS: HTML with <option> elements passed to DOM manipulation methods may run code.' },

  // jQuery UI
  { library: 'jquery-ui', below: '1.10.0', ids: ['CVE-2010-5312', 'CVE-2012-6662'], severity: 'moderate', summary: 'XSS via the dialog title option and the tooltip default content.' },
  { library: 'jquery-ui', below: '1.12.0', ids: ['CVE-2016-7103'], severity: 'moderate', summary: 'XSS via the closeText option of the dialog widget.' },
  { library: 'jquery-ui', below: '1.13.0', ids: ['CVE-2021-41182', 'CVE-2021-41183', 'CVE-2021-41184'], severity: 'moderate', summary: 'XSS via datepicker altField and *Text options and the .position() "of" option.' },
  { library: 'jquery-ui', below: '1.13.2', ids: ['CVE-2022-31160'], severity: 'moderate', summary: 'XSS when refreshing a checkboxradio whose label holds encoded HTML.' },

  // Bootstrap
  { library: 'bootstrap', below: '3.4.0', ids: ['CVE-2018-14040', 'CVE-2018-14042'], severity: 'moderate', summary: 'XSS via collapse data-parent and tooltip data-container.' },
  { library: 'bootstrap', atLeast: '4.0.0', below: '4.1.2', ids: ['CVE-2018-14040', 'CVE-2018-14041', 'CVE-2018-14042'], severity: 'moderate', summary: 'XSS via collapse data-parent, scrollspy data-target and tooltip data-container.' },
  { library: 'bootstrap', below: '3.4.0', ids: ['CVE-2018-20676', 'CVE-2018-20677'], severity: 'moderate', summary: 'XSS via tooltip data-viewport and the affix target option.' },
  { library: 'bootstrap', below: '3.4.1', ids: ['CVE-2019-8331'], severity: 'moderate', summary: 'XSS via tooltip/popover data-template.' },
  { library: 'bootstrap', atLeast: '4.0.0', below: '4.3.1', ids: ['CVE-2019-8331'], severity: 'moderate', summary: 'XSS via tooltip/popover data-template.' },

  // AngularJS (1.x)
  { library: 'angularjs', below: '1.7.9', ids: ['CVE-2019-10768'], severity: 'serious', summary: 'Prototype pollution through angular.merge() with a __proto__ payload.' },
  { library: 'angularjs', below: '1.8.0', ids: ['CVE-2020-7676'], severity: 'moderate', summary: 'XSS: regex-based HTML replacement can turn sanitized markup unsafe.' },

  // Lodash
  { library: 'lodash', below: '4.17.5', ids: ['CVE-2018-3721'], severity: 'moderate', summary: 'Prototype pollution via merge, mergeWith and defaultsDeep (__proto__).' },
  { library: 'lodash', below: '4.17.11', ids: ['CVE-2018-16487'], severity: 'serious', summary: 'Prototype pollution via merge, mergeWith and defaultsDeep (constructor.prototype).' },
  { library: 'lodash', below: '4.17.12', ids: ['CVE-2019-10744'], severity: 'critical', summary: 'Prototype pollution via defaultsDeep.' },
  { library: 'lodash', atLeast: '3.7.0', below: '4.17.19', ids: ['CVE-2020-8203'], severity: 'serious', summary: 'Prototype pollution via zipObjectDeep.' },
  { library: 'lodash', below: '4.17.21', ids: ['CVE-2021-23337'], severity: 'serious', summary: 'Command injection through _.template.' },
  { library: 'lodash', below: '4.17.21', ids: ['CVE-2020-28500'], severity: 'moderate', summary: 'ReDoS in toNumber, trim and trimEnd.' },

  // Moment.js
  { library: 'moment', below: '2.11.2', ids: ['CVE-2016-4055'], severity: 'moderate', summary: 'ReDoS when user input is passed to moment.duration().' },
  { library: 'moment', below: '2.19.3', ids: ['CVE-2017-18214'], severity: 'serious', summary: 'ReDoS when parsing a crafted date string.' },
  { library: 'moment', atLeast: '1.0.1', below: '2.29.2', ids: ['CVE-2022-24785'], severity: 'serious', summary: 'Path traversal through a user-controlled locale name (server-side use).' },
  { library: 'moment', atLeast: '2.18.0', below: '2.29.4', ids: ['CVE-2022-31129'], severity: 'serious', summary: 'Quadratic-time RFC 2822 date parsing allows denial of service.' },

  // Vue 2 (no fixed 2.x release; the record names 3.0.0-alpha.0 as first unaffected)
  { library: 'vue', atLeast: '2.0.0', below: '3.0.0-alpha.0', ids: ['CVE-2024-9506'], severity: 'minor', summary: 'ReDoS in the template compiler\'s parseHTML.' },

  // Handlebars
  { library: 'handlebars', below: '4.3.0', ids: ['CVE-2019-19919'], severity: 'critical', summary: 'Prototype pollution leading to code execution from templates.' },
  { library: 'handlebars', below: '4.7.7', ids: ['CVE-2021-23369', 'CVE-2021-23383'], severity: 'critical', summary: 'Code execution and prototype pollution when compiling untrusted templates with some options.' },

  // DOMPurify
  { library: 'dompurify', below: '2.0.17', ids: ['CVE-2020-26870'], severity: 'moderate', summary: 'Mutation XSS through nested FORM elements switching namespace.' },
  { library: 'dompurify', below: '3.2.4', ids: ['CVE-2025-26791'], severity: 'moderate', summary: 'Mutation XSS from a wrong template-literal regex with SAFE_FOR_TEMPLATES.' },
];

/** Lines no longer maintained: no `below` means every version. */
export const END_OF_LIFE: { library: string; below?: string; note: string }[] = [
  { library: 'angularjs', note: 'AngularJS 1.x reached end of life in December 2021 and gets no security fixes.' },
  { library: 'vue', below: '3.0.0', note: 'Vue 2 reached end of life on 31 December 2023.' },
  { library: 'bootstrap', below: '4.0.0', note: 'Bootstrap 3 and earlier are no longer supported.' },
  { library: 'jquery', below: '3.0.0', note: 'jQuery 1.x and 2.x are no longer supported.' },
];
