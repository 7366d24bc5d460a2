import type { FileModel } from '../workspace/fileModel';
import type { Chain, Hop } from './chain';
import type { RawDiagnostic } from './sink';
import type { ProxyEntryAt, RouteEntryAt } from './view';

/**
 * A chain or diagnostic kept from an earlier check points to the file models of that time. When a file
 * changed but the parts they point into did not, they are copied to point to the current models, so that
 * features comparing files by identity (and positions read from `file.lines`) see the current version.
 */
export function rebindChain(chain: Chain, route: RouteEntryAt | undefined, proxy: ProxyEntryAt | undefined, files: ReadonlyMap<FileModel, FileModel>): Chain {
  return { ...chain, ...(route ? { route } : {}), ...(proxy ? { proxy } : {}), hops: chain.hops.map((hop) => rebindHop(hop, files)) };
}

function rebindHop(hop: Hop, files: ReadonlyMap<FileModel, FileModel>): Hop {
  const file = files.get(hop.file);
  const source = hop.source ? files.get(hop.source.file) : undefined;
  if (!file && !source) return hop;
  return { ...hop, ...(file ? { file } : {}), ...(source && hop.source ? { source: { file: source, span: hop.source.span } } : {}) };
}

export function rebindDiagnostic(diagnostic: RawDiagnostic, files: ReadonlyMap<FileModel, FileModel>): RawDiagnostic {
  const file = files.get(diagnostic.file) ?? diagnostic.file;
  const related = diagnostic.related?.map((item) => {
    const moved = files.get(item.file);
    return moved ? { ...item, file: moved } : item;
  });
  return { ...diagnostic, file, ...(related ? { related } : {}) };
}
