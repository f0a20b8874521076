import fs from 'node:fs';
import path from 'node:path';
import type { CompareRun, CompareRunSummary, PromptSet } from '../../../shared/domain/compare';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import type { KeyValueFile, OpenStore } from '../store/kv-store';
import { moveAside, readStoreFile, type RawFile } from '../store/store-file';
import { describeIssues } from '../store/store-schema';
import {
  asPromptSet,
  asRun,
  COMPARE_SCHEMA_VERSION,
  indexFileSchema,
  isValidRunId,
  promptSetsFileSchema,
  runFileName,
  runFileSchema,
} from './compare-store-schema';
import { compareRunSummary as summaryOf } from '../../../shared/domain/compare-run-summary';
import { settleInterrupted } from './run-shape';

export interface CompareStoreOptions {
  /** `<dataDir>/compare`: `index.json`, `prompt-sets.json` and `runs/<id>.json`. */
  dir: string;
  openStore: OpenStore;
  now?: () => number;
  /** Called for every file moved aside. */
  onProblem?: (problem: StoreProblem) => void;
}

const INDEX = 'index';
const PROMPT_SETS = 'prompt-sets';
const RUN_RECOVERY =
  'The damaged file was moved aside and the run removed from the list; other runs are unaffected.';

/**
 * Compare runs on disk, the way the conversation store keeps conversations: one file per run
 * (written when a cell finishes and when the run ends, never per token) and a small index of
 * summaries, plus the user's prompt sets. A file that cannot be read is moved aside and reported,
 * never replaced; a lost or damaged index is rebuilt from the run files.
 */
export class CompareStore {
  readonly #dir: string;
  readonly #runsDir: string;
  readonly #openStore: OpenStore;
  readonly #now: () => number;
  readonly #onProblem: ((problem: StoreProblem) => void) | undefined;
  readonly #summaries = new Map<string, CompareRunSummary>();
  readonly #runFiles = new Map<string, KeyValueFile<RawFile>>();
  readonly #problems: StoreProblem[] = [];
  #promptSets: PromptSet[] = [];
  #indexFile!: KeyValueFile<RawFile>;
  #promptSetsFile!: KeyValueFile<RawFile>;

  private constructor(options: CompareStoreOptions) {
    this.#dir = options.dir;
    this.#runsDir = path.join(options.dir, 'runs');
    this.#openStore = options.openStore;
    this.#now = options.now ?? Date.now;
    this.#onProblem = options.onProblem;
  }

  static open(options: CompareStoreOptions): CompareStore {
    const store = new CompareStore(options);
    store.#load();
    return store;
  }

  /** Newest first. */
  list(): CompareRunSummary[] {
    return [...this.#summaries.values()]
      .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
      .map((s) => structuredClone(s));
  }

  /** The run, or undefined when unknown or its file is damaged (then it was moved aside and reported). */
  get(id: string): CompareRun | undefined {
    if (!isValidRunId(id) || !this.#summaries.has(id)) return undefined;
    const run = this.#readRun(id);
    if (!run) {
      this.#summaries.delete(id);
      this.#writeIndexLogged();
    }
    return run;
  }

  /** Writes the run's file and its index entry before returning. */
  save(run: CompareRun): void {
    if (!isValidRunId(run.id)) throw new Error(`Cannot save a compare run with id "${run.id}".`);
    const file = this.#runFile(run.id);
    file.store = { schemaVersion: COMPARE_SCHEMA_VERSION, run };
    const summary = summaryOf(run);
    const previous = this.#summaries.get(run.id);
    this.#summaries.set(run.id, summary);
    if (!previous || JSON.stringify(previous) !== JSON.stringify(summary)) this.#writeIndex();
  }

  delete(id: string): boolean {
    if (!isValidRunId(id) || !this.#summaries.has(id)) return false;
    fs.rmSync(this.#runPath(id), { force: true });
    this.#runFiles.delete(id);
    this.#summaries.delete(id);
    this.#writeIndexLogged();
    return true;
  }

  /** The user's saved prompt sets (not the built-ins). */
  promptSets(): PromptSet[] {
    return structuredClone(this.#promptSets);
  }

  savePromptSets(sets: PromptSet[]): void {
    this.#promptSetsFile.store = { schemaVersion: COMPARE_SCHEMA_VERSION, sets };
    this.#promptSets = structuredClone(sets);
  }

  problems(): StoreProblem[] {
    return this.#problems.map((p) => ({ ...p }));
  }

  // --- Loading -------------------------------------------------------------------------------

  #load(): void {
    fs.mkdirSync(this.#runsDir, { recursive: true });
    this.#loadPromptSets();

    const read = readStoreFile(this.#openStore, this.#dir, INDEX);
    let damage: string | undefined;
    if (read.kind === 'ok') {
      const parsed = indexFileSchema.safeParse(read.data);
      if (parsed.success) {
        for (const [id, summary] of Object.entries(parsed.data.runs)) this.#summaries.set(id, summary);
        this.#indexFile = read.file;
      } else damage = `not in the expected format (${describeIssues(parsed.error)})`;
    } else if (read.kind === 'unparseable') damage = read.reason;
    else this.#indexFile = read.file;

    const indexPath = path.join(this.#dir, `${INDEX}.json`);
    let movedTo = '';
    if (damage !== undefined) {
      movedTo = moveAside(indexPath, this.#now());
      this.#indexFile = this.#openStore<RawFile>({ cwd: this.#dir, name: INDEX, defaults: {} });
    }
    const changed = this.#reconcile();
    if (damage !== undefined || changed || read.kind === 'missing') this.#writeIndex();
    if (damage !== undefined) {
      const count = this.#summaries.size;
      this.#report({
        file: indexPath,
        movedTo,
        reason: damage,
        recovery: `The list of compare runs was rebuilt from ${count} run file${count === 1 ? '' : 's'}.`,
      });
    }
  }

  #loadPromptSets(): void {
    const read = readStoreFile(this.#openStore, this.#dir, PROMPT_SETS);
    const recovery =
      'The damaged file was moved aside; saved prompt sets start empty (built-in sets are unaffected).';
    if (read.kind === 'unparseable') {
      this.#quarantine(read.path, read.reason, recovery);
    } else if (read.kind === 'ok') {
      const parsed = promptSetsFileSchema.safeParse(read.data);
      if (parsed.success) {
        this.#promptSets = parsed.data.sets.map(asPromptSet);
        this.#promptSetsFile = read.file;
        return;
      }
      this.#quarantine(
        read.file.path,
        `not in the expected format (${describeIssues(parsed.error)})`,
        recovery,
      );
    } else {
      this.#promptSetsFile = read.file;
      return;
    }
    this.#promptSetsFile = this.#openStore<RawFile>({ cwd: this.#dir, name: PROMPT_SETS, defaults: {} });
  }

  /**
   * Makes the index match the run files: entries without a file are dropped, files it does not list
   * are read and added, and a run still marked running (the app stopped mid-run) is settled.
   */
  #reconcile(): boolean {
    const onDisk = new Set<string>();
    for (const entry of fs.readdirSync(this.#runsDir, { withFileTypes: true })) {
      const id = entry.isFile() ? runFileName.exec(entry.name)?.[1] : undefined;
      if (id !== undefined) onDisk.add(id);
    }
    let changed = false;
    for (const id of [...this.#summaries.keys()]) {
      if (onDisk.has(id)) continue;
      this.#summaries.delete(id);
      changed = true;
    }
    for (const id of onDisk) {
      const summary = this.#summaries.get(id);
      if (summary && summary.status !== 'running') continue;
      const run = this.#readRun(id);
      if (!run) {
        if (summary) this.#summaries.delete(id);
        changed = true;
        continue;
      }
      const settled = run.status === 'running' ? settleInterrupted(run, this.#now()) : run;
      if (settled !== run) this.#runFile(id).store = { schemaVersion: COMPARE_SCHEMA_VERSION, run: settled };
      this.#summaries.set(id, summaryOf(settled));
      changed = true;
    }
    return changed;
  }

  #readRun(id: string): CompareRun | undefined {
    const read = readStoreFile(this.#openStore, this.#runsDir, id);
    if (read.kind === 'missing') return undefined;
    if (read.kind === 'unparseable') {
      this.#runFiles.delete(id);
      this.#quarantine(read.path, read.reason, RUN_RECOVERY);
      return undefined;
    }
    const parsed = runFileSchema.safeParse(read.data);
    let reason: string | undefined;
    if (!parsed.success) reason = `not in the expected format (${describeIssues(parsed.error)})`;
    else if (parsed.data.run.id !== id) reason = `it holds run "${parsed.data.run.id}", not "${id}"`;
    if (!parsed.success || reason !== undefined) {
      this.#runFiles.delete(id);
      this.#quarantine(read.file.path, reason ?? 'not in the expected format', RUN_RECOVERY);
      return undefined;
    }
    this.#runFiles.set(id, read.file);
    return asRun(parsed.data.run);
  }

  // --- Writing -------------------------------------------------------------------------------

  #runFile(id: string): KeyValueFile<RawFile> {
    let file = this.#runFiles.get(id);
    if (!file) {
      file = this.#openStore<RawFile>({ cwd: this.#runsDir, name: id, defaults: {} });
      this.#runFiles.set(id, file);
    }
    return file;
  }

  #writeIndex(): void {
    this.#indexFile.store = {
      schemaVersion: COMPARE_SCHEMA_VERSION,
      runs: Object.fromEntries(this.#summaries),
    };
  }

  /** For removals whose run files are already gone: the index catches up on the next write. */
  #writeIndexLogged(): void {
    try {
      this.#writeIndex();
    } catch (error) {
      console.warn(
        '[compare-store] writing the run index failed; it will be retried on the next change',
        error,
      );
    }
  }

  // --- Reporting -----------------------------------------------------------------------------

  #quarantine(file: string, reason: string, recovery: string): void {
    const at = this.#now();
    const movedTo = moveAside(file, at);
    this.#report({ file, movedTo, reason, recovery }, at);
  }

  #report(problem: Omit<StoreProblem, 'at'>, at = this.#now()): void {
    const full: StoreProblem = { ...problem, at };
    this.#problems.push(full);
    console.warn(`[compare-store] ${full.file} is damaged (${full.reason}); moved to ${full.movedTo}`);
    try {
      this.#onProblem?.({ ...full });
    } catch (error) {
      console.warn('[compare-store] onProblem listener failed', error);
    }
  }

  #runPath(id: string): string {
    return path.join(this.#runsDir, `${id}.json`);
  }
}
