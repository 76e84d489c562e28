/** The README every package carries: how the recipient checks it without us. */
export function packageReadme(caseNumber: string, recipient: string, count: number): string {
  return `Evidence package — case ${caseNumber}
Prepared for: ${recipient}

This package holds ${count} evidence item(s) under items/, and:
  manifest.json  every item (title, type, size, SHA-256, origin) and the case's chain-of-custody log
  SHA256SUMS     one line per item: its SHA-256 and path

1. Check that no file was altered
   Linux / WSL:  sha256sum -c SHA256SUMS
   macOS:        shasum -a 256 -c SHA256SUMS
   Windows:      Get-FileHash -Algorithm SHA256 items\\<file>   (compare with SHA256SUMS)
   Every line must say OK. The same hashes are in manifest.json ("items[].sha256") and were computed by the
   agency's server when each item arrived; each download is checked against them.

2. Check the chain of custody (optional)
   manifest.json "custody" lists who added, viewed, downloaded, shared, exported and verified, when and from
   which address. Each row's "hash" is the SHA-256 (hex) of the canonical JSON (object keys sorted, no spaces)
   of [prevHash, caseId, itemId, actor, actorName, action, at, ip, details], and its "prevHash" is the previous
   row's hash (64 zeros for the first). Changing or removing any row breaks every hash after it. Rows that
   list "redacted" fields withhold them (other recipients, staff addresses): their links still show that no
   row is missing. "custodyHead" is the chain's last row when this package was made: the agency's
   \`npm run evidence:verify -- <case> --head <hash>\` fails if that row is ever removed.

Your access to this package was recorded in the custody log.
`;
}
