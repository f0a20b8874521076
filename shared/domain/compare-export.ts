import type { CompareCell, CompareRun, ExportFormat, ExportedFile } from './compare';
import {
  DIFFERENCE_DEFINITION,
  ESTIMATE_NOTE,
  formatCount,
  formatDeltaMs,
  formatDeltaRate,
  formatMs,
  formatRate,
  formatRatio,
  formatStatus,
  MISSING,
  summariseRun,
  type CellFigures,
} from './compare-stats';

/**
 * A compare run as a file: CSV (one row per prompt × pair, for spreadsheets) and Markdown (settings,
 * a table per prompt with the answers, the overall table and the differences). Prompts and answers
 * are untrusted text: CSV cells are guarded against formula injection, Markdown is escaped and
 * answers sit in fences they cannot close.
 */

export const CSV_COLUMNS = [
  'prompt_index',
  'prompt',
  'pair',
  'profile',
  'model',
  'status',
  'ttft_ms',
  'total_ms',
  'tokens_per_second',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'usage_estimated',
  'finish_reason',
  'error',
] as const;

export function exportRun(run: CompareRun, format: ExportFormat): ExportedFile {
  return format === 'csv'
    ? { filename: exportFileName(run, format), mimeType: 'text/csv;charset=utf-8', content: runToCsv(run) }
    : {
        filename: exportFileName(run, format),
        mimeType: 'text/markdown;charset=utf-8',
        content: runToMarkdown(run),
      };
}

/** `compare-<name>-<yyyymmdd-hhmm>.csv|md` (UTC), safe on every file system. */
export function exportFileName(run: CompareRun, format: ExportFormat): string {
  const slug =
    run.name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'run';
  const stamp = new Date(run.createdAt).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `compare-${slug}-${stamp}.${format === 'csv' ? 'csv' : 'md'}`;
}

// --- CSV -------------------------------------------------------------------------------------

/** RFC 4180: one header row, CRLF line ends, fields quoted when they hold `"`, `,`, CR or LF. */
export function runToCsv(run: CompareRun): string {
  const figures = summariseRun(run);
  const cellAt = new Map(run.cells.map((c) => [`${c.promptIndex}:${c.pairIndex}`, c]));
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const prompt of figures.prompts) {
    for (const f of prompt.cells) {
      const pair = run.pairs[f.pairIndex]!;
      const cell = cellAt.get(`${prompt.promptIndex}:${f.pairIndex}`);
      const usage = cell?.usage;
      rows.push([
        String(prompt.promptIndex + 1),
        prompt.prompt,
        pair.label,
        pair.profileName,
        pair.model,
        f.status,
        blankIfMissing(formatMs(f.ttftMs)),
        blankIfMissing(formatMs(f.totalMs)),
        blankIfMissing(formatRate(f.tokensPerSecond)),
        usage ? String(usage.promptTokens) : '',
        usage ? String(usage.completionTokens) : '',
        usage ? String(usage.totalTokens) : '',
        usage ? String(f.usageEstimated) : '',
        f.finishReason ?? '',
        f.error ?? '',
      ]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const blankIfMissing = (text: string) => (text === MISSING ? '' : text);

/**
 * One CSV field. A field a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * gets a leading `'`, so it shows as text (OWASP's guard against CSV injection).
 */
export function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

// --- Markdown --------------------------------------------------------------------------------

export function runToMarkdown(run: CompareRun): string {
  const figures = summariseRun(run);
  const cellAt = new Map(run.cells.map((c) => [`${c.promptIndex}:${c.pairIndex}`, c]));
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(run.name)}`, '');
  out.push(...settings(run), '');

  for (const prompt of figures.prompts) {
    out.push(`## Prompt ${prompt.promptIndex + 1}`, '');
    out.push(blockquote(prompt.prompt), '');
    out.push(promptTable(prompt.cells), '');
    for (const f of prompt.cells) {
      const cell = cellAt.get(`${prompt.promptIndex}:${f.pairIndex}`);
      out.push(`Answer from **${escapeMarkdown(f.label)}**:`, '', ...answer(cell), '');
    }
  }

  out.push('## Overall', '');
  out.push(
    table(
      [
        'Pair',
        'OK',
        'Failed',
        'Cancelled',
        'TTFT mean (ms)',
        'TTFT median (ms)',
        'Total mean (ms)',
        'Total median (ms)',
        'Tokens/s mean',
        'Tokens/s median',
        'Completion tokens mean',
        'Completion tokens median',
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      figures.overall.map((p) => [
        escapeMarkdown(p.label),
        String(p.completed),
        String(p.failed),
        String(p.cancelled),
        formatMs(p.ttftMs.mean),
        formatMs(p.ttftMs.median),
        formatMs(p.totalMs.mean),
        formatMs(p.totalMs.median),
        formatRate(p.tokensPerSecond.mean, p.usageEstimated),
        formatRate(p.tokensPerSecond.median, p.usageEstimated),
        formatCount(p.completionTokens.mean, p.usageEstimated),
        formatCount(p.completionTokens.median, p.usageEstimated),
      ]),
    ),
    '',
  );
  if (figures.overall.some((p) => p.usageEstimated)) out.push(escapeMarkdown(ESTIMATE_NOTE), '');

  const baseline = run.pairs[figures.baselinePairIndex];
  if (baseline && figures.differences.length > 0) {
    out.push(`## Differences vs ${escapeMarkdown(baseline.label)}`, '');
    out.push(escapeMarkdown(DIFFERENCE_DEFINITION), '');
    out.push(
      table(
        ['Pair', 'Δ TTFT median (ms)', 'TTFT ratio', 'Δ tokens/s median', 'Tokens/s ratio'],
        ['l', 'r', 'r', 'r', 'r'],
        figures.differences.map((d) => [
          escapeMarkdown(d.label),
          formatDeltaMs(d.ttftDeltaMs),
          formatRatio(d.ttftRatio),
          formatDeltaRate(d.tokensPerSecondDelta),
          formatRatio(d.tokensPerSecondRatio),
        ]),
      ),
      '',
    );
  }
  return out.join('\n');
}

function settings(run: CompareRun): string[] {
  const when = new Date(run.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const { temperature, topP, maxTokens } = run.params;
  const params = [
    temperature !== undefined ? `temperature ${temperature}` : '',
    topP !== undefined ? `top P ${topP}` : '',
    maxTokens !== undefined ? `max tokens ${maxTokens}` : '',
  ].filter(Boolean);
  const system = run.systemPrompt?.trim();
  return [
    `- **Started:** ${when} UTC`,
    `- **Status:** ${run.status}`,
    `- **Order:** ${run.parallel ? 'parallel (each prompt to every pair at once)' : 'sequential (one request at a time)'}`,
    `- **Parameters:** ${params.length > 0 ? params.join(', ') : 'backend defaults'}`,
    `- **System prompt:** ${system ? escapeMarkdown(system) : 'none'}`,
    `- **Pairs:** ${run.pairs.map((p, i) => `${i + 1}. ${escapeMarkdown(p.label)}`).join('; ')}`,
  ];
}

function promptTable(cells: CellFigures[]): string {
  return table(
    ['Pair', 'Status', 'TTFT (ms)', 'Total (ms)', 'Tokens/s', 'Completion tokens', 'Finish reason', 'Error'],
    ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'l'],
    cells.map((f) => [
      escapeMarkdown(f.label),
      formatStatus(f.status),
      formatMs(f.ttftMs),
      formatMs(f.totalMs),
      formatRate(f.tokensPerSecond, f.usageEstimated),
      formatCount(f.completionTokens, f.usageEstimated),
      f.finishReason !== undefined ? escapeMarkdown(f.finishReason) : MISSING,
      f.error !== undefined ? escapeMarkdown(f.error) : '',
    ]),
  );
}

function answer(cell: CompareCell | undefined): string[] {
  const text = cell?.text.replace(/\r\n?/g, '\n') ?? '';
  if (text.trim().length === 0) return ['_(no text)_'];
  // A fence longer than any backtick run inside: the answer cannot close it.
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}text`, text.replace(/\n+$/, ''), fence];
}

function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

/**
 * Untrusted text as inline Markdown that reads as written: the characters that would start
 * emphasis, code, links, HTML, strikethrough or a table cell are backslash-escaped, and line breaks
 * become spaces (a table cell is one line).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A prompt as a block quote, line by line, escaped so none of its lines starts a block of its own. */
function blockquote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line.trim().length === 0 ? '>' : `> ${escapeMarkdown(line.trim())}`))
    .join('\n');
}
