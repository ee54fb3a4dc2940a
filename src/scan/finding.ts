// The scanner's result types: findings, files read, locations looked at, and errors. The JSON output
// (schema version 1) is a direct projection of these. A finding carries what every output format
// needs (the rule's name, fix and help URL), and the result carries the rules in effect, so output
// formats never import the catalogue.
import type { JsonPath } from '../config/document.ts';
import type { RuleMeta } from './rule.ts';
import type { Severity } from './severity.ts';

/** One problem at one place. */
export interface Finding {
  ruleId: string;
  /** The rule's name (`remote-no-auth`). */
  rule: string;
  /** The rule's one-line fix. */
  fix: string;
  /** The rule's documentation page. */
  helpUri: string;
  severity: Severity;
  message: string;
  /** Path relative to the scan root, forward slashes (absolute for machine files outside it). */
  file: string;
  line: number;
  column: number;
  client: string;
  server: string | null;
  /** Stable across line moves, list positions and a server's move between its client's files (fingerprint.ts). */
  fingerprint: string;
  /**
   * Compared with a base commit (`--diff-base`, the Action on a pull request): `new` when the base has no
   * finding with this fingerprint, `existing` when it has; `fixed` for a base finding gone from the scan.
   */
  status?: FindingStatus;
  /** JSON path inside the file (not part of the JSON output's frozen fields, but kept for tools). */
  path: JsonPath;
  /** JSON path of the server entry, for a finding about a server (what its fingerprint is keyed inside). */
  serverPath?: JsonPath;
  /** The absolute path of the file. */
  absFile: string;
  /**
   * Other places that explain the finding (where the same server was first launched), for formats
   * that show them (SARIF `relatedLocations`). Not part of the JSON output's frozen fields: the message
   * names the other file.
   */
  related?: RelatedLocation[];
}

/** A place related to a finding. */
export interface RelatedLocation {
  /** Same convention as `Finding.file`. */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Where a finding stands against a base commit. */
export type FindingStatus = 'new' | 'existing' | 'fixed';

/** The comparison with a base commit, when one was asked for. */
export interface ScanDiff {
  /** The git ref as given (`origin/main`, a SHA). */
  base: string;
  /** The commit it names. */
  commit: string;
  /** Base findings gone from the scan (status `fixed`; file and line as in the base, renamed files under their new name). */
  fixed: Finding[];
  /** Files (as `file` shows them) whose content differs from the base: changed, added or renamed. */
  changed: string[];
}

/** One config file that was read. */
export interface FileEntry {
  file: string;
  client: string;
  scope: string;
  servers: number;
}

/** A file that could not be read (too large, binary, unreadable, a link loop). */
export interface ScanError {
  file: string;
  message: string;
}

/** Everything a scan produced, before formatting. */
export interface ScanResult {
  /** The folder paths are relative to. */
  root: string;
  /** The rules that ran: those handed to the scan, less those the project config switches off. */
  rules: readonly RuleMeta[];
  findings: Finding[];
  files: FileEntry[];
  /** Machine scans: every location looked at, found or not. */
  searched: { path: string; client: string; found: boolean }[];
  errors: ScanError[];
  /** How many findings were hidden by ignores, the baseline or --min-severity. */
  suppressed: number;
  /** Set when the scan was compared with a base commit; every finding then has a `status`. */
  diff?: ScanDiff;
}
