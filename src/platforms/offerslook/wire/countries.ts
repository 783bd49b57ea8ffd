// Offerslook geo targets name a country by ISO 3166-1 alpha-2 code or by its English name, and
// answers carry both (`country`, `country_code`). Names come from the runtime's own ICU data
// (Intl.DisplayNames), so no country table is kept here.

const names = new Intl.DisplayNames(['en'], { type: 'region' });
let byName: Map<string, string> | undefined;

/** `US` -> `United States`; `undefined` for a code that names no region. */
export function countryName(code: string): string | undefined {
  const canonical = canonicalCode(code);
  if (canonical === undefined) return undefined;
  const name = names.of(canonical);
  return name === undefined || name === canonical || name === 'Unknown Region' ? undefined : name;
}

/**
 * `us`, `US` or `United States` -> `US`; an old or alias code to today's (`UK` -> `GB`);
 * `undefined` when it is neither a code nor a known name.
 */
export function countryCode(codeOrName: string): string | undefined {
  const text = codeOrName.trim();
  if (/^[A-Za-z]{2}$/.test(text))
    return countryName(text) === undefined ? undefined : canonicalCode(text);
  return namesTable().get(text.toLowerCase());
}

/** The region code ICU holds for `code` (`UK` -> `GB`), upper case; `undefined` if not two letters. */
function canonicalCode(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return undefined;
  const region = new Intl.Locale(`und-${upper}`).region;
  return region !== undefined && /^[A-Z]{2}$/.test(region) ? region : upper;
}

function namesTable(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      const name = countryName(code);
      // Aliases (`UK`) name the same country as their canonical code: keep that one.
      if (name !== undefined && canonicalCode(code) === code) byName.set(name.toLowerCase(), code);
    }
  }
  return byName;
}
