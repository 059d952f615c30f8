/**
 * Reference resolution for bundles: FHIR lets an entry be named by its fullUrl (`urn:uuid:…` in transactions, or an
 * absolute URL) and lets other entries point at that name. Stored resources must point at `Type/id` so that they can
 * be found again after the bundle is gone. Relative (`Patient/1`), contained (`#x`) and unmatched references are kept.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';

export interface BundleResourceEntry {
  fullUrl?: string;
  resource: Resource & { id: string };
}

const URN_UUID = /^urn:uuid:([0-9a-fA-F-]{36})$/;
const ABSOLUTE_TYPE_ID = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/;

/**
 * The entries that carry a resource, each with an id: an entry without one takes the UUID of its `urn:uuid:` fullUrl
 * (or, failing that, a fresh UUID), so that every stored resource has a stable name.
 */
export function entriesWithIds(bundle: Bundle, newId: () => string): BundleResourceEntry[] {
  const out: BundleResourceEntry[] = [];
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!resource) continue;
    const fromUrn = entry.fullUrl ? URN_UUID.exec(entry.fullUrl)?.[1] : undefined;
    const id = resource.id ?? fromUrn ?? newId();
    out.push({ fullUrl: entry.fullUrl, resource: { ...resource, id } });
  }
  return out;
}

/** Rewrites every `reference` string in `value` (deeply) through `map`; returns how many were rewritten. */
export function rewriteReferences(value: unknown, map: (reference: string) => string | undefined): number {
  let rewritten = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    for (const [key, child] of Object.entries(obj)) {
      if (key === 'reference' && typeof child === 'string') {
        const target = map(child);
        if (target !== undefined && target !== child) {
          obj[key] = target;
          rewritten++;
        }
      } else {
        visit(child);
      }
    }
  };
  visit(value);
  return rewritten;
}

/** Points fullUrl references (`urn:uuid:…`, absolute URLs of entries) at `Type/id`, within one bundle. */
export function resolveBundleReferences(entries: BundleResourceEntry[]): void {
  const byFullUrl = new Map<string, string>();
  for (const { fullUrl, resource } of entries) {
    if (fullUrl) byFullUrl.set(fullUrl, `${resource.resourceType}/${resource.id}`);
  }
  const map = (reference: string): string | undefined => {
    const direct = byFullUrl.get(reference);
    if (direct) return direct;
    // An absolute URL to a resource on some server: keep the Type/id, which is how the EHR names it too.
    if (/^https?:\/\//.test(reference)) {
      const m = ABSOLUTE_TYPE_ID.exec(reference);
      if (m) return `${m[1]}/${m[2]}`;
    }
    return undefined;
  };
  for (const { resource } of entries) rewriteReferences(resource, map);
}
