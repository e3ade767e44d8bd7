// `portal-audit demo`: the bundled sample portal, served on a free loopback port under its
// production name (www.shifan.gov.cn) through --resolve, audited with every other host
// refused, so the demo never touches the network.
import { fixtureResolve, startFixtureServer, PORTAL_HOST } from '../../fixtures/server.js';
import { runAudit } from '../audit.js';
import { resolveOptions, type RawOptions } from '../options.js';
import { progressLine, summary } from './console.js';

export async function runDemo(raw: RawOptions, config?: { path?: string; raw: RawOptions }): Promise<void> {
  const asOf = resolveOptions('http://localhost/', raw, config).asOf;
  const server = await startFixtureServer({ asOf });
  try {
    // The portal over HTTP; platforms and other linked sites on the listener of their scheme.
    const opts = resolveOptions(
      `http://${PORTAL_HOST}/`,
      { out: './portal-audit-report', format: 'all', ...raw, resolve: [...(raw.resolve ?? []), ...fixtureResolve(server)], resolveOnly: true },
      config,
    );
    if (!opts.quiet) console.log(`sample portal "示范县人民政府" served at ${server.url} as http://${PORTAL_HOST}/ (as of ${opts.asOf})`);
    const progress = progressLine(!opts.quiet);
    const r = await runAudit(opts, { onProgress: (p) => progress.update(p) });
    progress.clear();
    if (!opts.quiet) console.log(summary(r.report, r.files));
    console.log(`demo report written to ${r.outDir}`);
  } finally {
    await server.close();
  }
}
