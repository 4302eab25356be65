// The record for a page not yet saved: the one record builder with the settings' defaults and tldts.
import { registrableDomain as domainOfHost } from '../extract/public-suffix.js';
import { recordFromExtraction, settleExtraction } from '../extract/to-record.js';
import type { Extraction } from '../extract/types.js';
import type { LedeRecord } from '../record/index.js';
import { recordDefaultsOf } from '../shared/record-defaults.js';
import type { Settings } from '../shared/settings.js';

/** The registrable domain (public-suffix aware) of a host or address; the host itself when it has none. */
export function registrableDomain(hostOrUrl: string): string {
  const value = hostOrUrl.trim().toLowerCase();
  if (!value) return '';
  let host = value;
  if (value.includes('/')) {
    try {
      host = new URL(value).hostname;
    } catch {
      return '';
    }
  }
  // The same rule as the CLI: private suffixes and blog platforms keep the publisher's own label.
  return domainOfHost(host);
}

/** The extraction as the popup shows it: provider name and domain settled from one site. */
export function settledExtraction(extraction: Extraction): Extraction {
  return settleExtraction(extraction, registrableDomain);
}

export function recordForPage(extraction: Extraction, settings: Settings): LedeRecord {
  return recordFromExtraction(extraction, recordDefaultsOf(settings, registrableDomain));
}
