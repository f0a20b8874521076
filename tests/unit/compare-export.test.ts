import { describe, expect, it } from 'vitest';
import type { CompareCell, CompareRun } from '../../shared/domain/compare';
import {
  CSV_COLUMNS,
  csvField,
  escapeMarkdown,
  exportFileName,
  exportRun,
  runToCsv,
  runToMarkdown,
} from '../../shared/domain/compare-export';
import {
  formatCount,
  formatDeltaMs,
  formatDeltaRate,
  formatMs,
  formatRate,
  formatRatio,
  median,
  stat,
  summariseRun,
} from '../../shared/domain/compare-stats';
import { userError } from '../../shared/domain/errors';
import { computeMetrics } from '../../shared/domain/compute-metrics';

/**
 * The results table's numbers and both exports, from a fixed run: every figure below follows from
 * the timestamps by hand, and the exports must print exactly what summariseRun's formatters print.
 */
const T = Date.UTC(2025, 0, 15, 9, 30);

function cell(
  promptIndex: number,
  pairIndex: number,
  o: {
    status: CompareCell['status'];
    ttft?: number;
    total?: number;
    tokens?: number;
    estimated?: boolean;
    text?: string;
    error?: CompareCell['error'];
  },
): CompareCell {
  const c: CompareCell = { promptIndex, pairIndex, status: o.status, text: o.text ?? '' };
  if (o.total !== undefined)
    c.metrics = computeMetrics({
      requestedAt: T,
      ...(o.ttft !== undefined ? { firstTokenAt: T + o.ttft } : {}),
      finishedAt: T + o.total,
      ...(o.tokens !== undefined ? { completionTokens: o.tokens } : {}),
      retries: 0,
      usageEstimated: o.estimated ?? false,
    });
  if (o.tokens !== undefined)
    c.usage = { promptTokens: 12, completionTokens: o.tokens, totalTokens: 12 + o.tokens };
  if (o.status === 'complete') c.finishReason = 'stop';
  if (o.error) c.error = o.error;
  return c;
}

const modelMissing = userError(
  'model-not-found',
  'The model "gpt-x" is not available on this backend.',
  'Pick a model this backend serves.',
);

function fixture(): CompareRun {
  return {
    id: 'run-1',
    name: 'Local | cloud: "task" prompts',
    createdAt: T,
    finishedAt: T + 10_000,
    status: 'complete',
    systemPrompt: 'You are TaskMaster.\nBe brief.',
    params: { temperature: 0.2, maxTokens: 256 },
    parallel: false,
    pairs: [
      { profileId: 'p1', profileName: 'Ollama', model: 'llama3.2', label: 'Ollama · llama3.2' },
      { profileId: 'p2', profileName: 'Lite|LLM', model: 'gpt-x', label: 'Lite|LLM · gpt-x' },
    ],
    prompts: [
      'Plan my day, please: "urgent" tasks first',
      '=HYPERLINK("http://evil.example","click")',
      'Two lines\nwith a | pipe and *stars*',
    ],
    cells: [
      // Pair A: tps = (tokens - 1) / (total - ttft): 100/1 s, 100/2 s, 50/0.5 s.
      cell(0, 0, {
        status: 'complete',
        ttft: 100,
        total: 1_100,
        tokens: 101,
        text: 'Plan:\n```js\ncode()\n```',
      }),
      cell(0, 1, { status: 'complete', ttft: 50, total: 550, tokens: 26, text: '-2+3 is 1' }),
      cell(1, 0, { status: 'complete', ttft: 300, total: 2_300, tokens: 101, text: 'ok' }),
      cell(1, 1, { status: 'failed', total: 20, error: modelMissing }),
      cell(2, 0, { status: 'complete', ttft: 200, total: 700, tokens: 51, text: 'fine' }),
      cell(2, 1, { status: 'complete', ttft: 150, total: 1_150, tokens: 41, estimated: true, text: 'est' }),
    ],
  };
}

/** A strict RFC 4180 reader, to check the CSV round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe('');
  return rows;
}

describe('summariseRun', () => {
  it('computes per-prompt figures, and mean and median over completed cells only', () => {
    const figures = summariseRun(fixture());
    expect(figures.prompts).toHaveLength(3);
    expect(figures.prompts[1]?.cells[1]).toMatchObject({ status: 'failed', error: modelMissing.message });
    expect(figures.prompts[1]?.cells[1]?.ttftMs).toBeUndefined();
    const [a, b] = figures.overall;
    expect(a).toMatchObject({ completed: 3, failed: 0, cancelled: 0, usageEstimated: false });
    expect(a?.ttftMs).toEqual({ n: 3, mean: 200, median: 200 });
    expect(a?.tokensPerSecond.median).toBe(100);
    expect(a?.tokensPerSecond.mean).toBeCloseTo(83.333, 3);
    // Pair B: the failed cell is counted, not averaged; two values, so the median is their mean.
    expect(b).toMatchObject({ completed: 2, failed: 1, cancelled: 0, usageEstimated: true });
    expect(b?.ttftMs).toEqual({ n: 2, mean: 100, median: 100 });
    expect(b?.tokensPerSecond).toEqual({ n: 2, mean: 45, median: 45 });
    expect(figures.differences).toEqual([
      {
        pairIndex: 1,
        label: 'Lite|LLM · gpt-x',
        ttftDeltaMs: -100,
        ttftRatio: 0.5,
        tokensPerSecondDelta: -55,
        tokensPerSecondRatio: 0.45,
      },
    ]);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeUndefined();
    expect(stat([undefined, 10, 30, undefined])).toEqual({ n: 2, mean: 20, median: 20 });
    expect(stat([])).toEqual({ n: 0 });
  });

  it('counts cancelled and never-run cells apart from failures, and leaves differences empty without a baseline value', () => {
    const run = fixture();
    run.cells = run.cells.map((c) =>
      c.pairIndex === 0 ? { promptIndex: c.promptIndex, pairIndex: 0, status: 'cancelled', text: '' } : c,
    );
    run.cells[4] = { promptIndex: 2, pairIndex: 0, status: 'pending', text: '' };
    const figures = summariseRun(run);
    expect(figures.overall[0]).toMatchObject({ completed: 0, failed: 0, cancelled: 3 });
    expect(figures.differences[0]).toEqual({ pairIndex: 1, label: 'Lite|LLM · gpt-x' });
  });

  it('formats every figure one way', () => {
    expect(formatMs(1234.5)).toBe('1235');
    expect(formatMs(-0.2)).toBe('0');
    expect(formatMs(undefined)).toBe('—');
    expect(formatRate(83.3333)).toBe('83.3');
    expect(formatCount(41, true)).toBe('~41');
    expect(formatRate(40, true)).toBe('~40.0');
    expect(formatCount(70.5)).toBe('70.5');
    expect(formatDeltaMs(-100)).toBe('-100');
    expect(formatDeltaMs(12.4)).toBe('+12');
    expect(formatDeltaMs(0.3)).toBe('0');
    expect(formatDeltaRate(-55)).toBe('-55.0');
    expect(formatDeltaRate(-0.01)).toBe('0.0');
    expect(formatRatio(0.45)).toBe('0.45×');
    expect(formatRatio(undefined)).toBe('—');
  });
});

describe('CSV export', () => {
  it('is one RFC 4180 table: header, one row per prompt × pair, CRLF, quoting that round-trips', () => {
    const run = fixture();
    const csv = runToCsv(run);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 3 * 2);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const col = (row: string[] | undefined, name: (typeof CSV_COLUMNS)[number]) =>
      row?.[CSV_COLUMNS.indexOf(name)];
    expect(col(rows[1], 'prompt')).toBe('Plan my day, please: "urgent" tasks first');
    expect(col(rows[5], 'prompt')).toBe('Two lines\nwith a | pipe and *stars*');
    expect(col(rows[2], 'pair')).toBe('Lite|LLM · gpt-x');
    expect(col(rows[2], 'profile')).toBe('Lite|LLM');
  });

  it('prints the same numbers as the results table, blank where a figure does not exist', () => {
    const run = fixture();
    const figures = summariseRun(run);
    const rows = parseCsv(runToCsv(run)).slice(1);
    const col = (row: string[] | undefined, name: (typeof CSV_COLUMNS)[number]) =>
      row?.[CSV_COLUMNS.indexOf(name)];
    for (const [i, row] of rows.entries()) {
      const f = figures.prompts[Math.floor(i / 2)]!.cells[i % 2]!;
      const orBlank = (s: string) => (s === '—' ? '' : s);
      expect(col(row, 'ttft_ms')).toBe(orBlank(formatMs(f.ttftMs)));
      expect(col(row, 'total_ms')).toBe(orBlank(formatMs(f.totalMs)));
      expect(col(row, 'tokens_per_second')).toBe(orBlank(formatRate(f.tokensPerSecond)));
    }
    expect(rows[0]).toEqual([
      '1',
      'Plan my day, please: "urgent" tasks first',
      'Ollama · llama3.2',
      'Ollama',
      'llama3.2',
      'complete',
      '100',
      '1100',
      '100.0',
      '12',
      '101',
      '113',
      'false',
      'stop',
      '',
    ]);
    // The failure is in place: its own row, status and message, no figures.
    expect(rows[3]).toEqual([
      '2',
      `'=HYPERLINK("http://evil.example","click")`,
      'Lite|LLM · gpt-x',
      'Lite|LLM',
      'gpt-x',
      'failed',
      '',
      '20',
      '',
      '',
      '',
      '',
      '',
      '',
      modelMissing.message,
    ]);
    expect(col(rows[5], 'usage_estimated')).toBe('true');
  });

  it('guards against formula injection and quotes only what needs it', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvField(`${lead}SUM(A1)`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2, then +3')).toBe(`"'-2, then +3"`);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('100.0')).toBe('100.0');
  });
});

describe('Markdown export', () => {
  it('has the settings, a table per prompt, the overall table and the differences, with the same numbers', () => {
    const run = fixture();
    const md = runToMarkdown(run);
    const figures = summariseRun(run);
    expect(md.startsWith('# Local \\| cloud: "task" prompts\n')).toBe(true);
    expect(md).toContain('- **Started:** 2025-01-15 09:30 UTC');
    expect(md).toContain('- **Order:** sequential (one request at a time)');
    expect(md).toContain('- **Parameters:** temperature 0.2, max tokens 256');
    expect(md).toContain('- **System prompt:** You are TaskMaster. Be brief.');
    expect(md).toContain('## Prompt 1');
    expect(md).toContain('## Prompt 3');
    expect(md).toContain('| Ollama · llama3.2 | ok | 100 | 1100 | 100.0 | 101 | stop |  |');
    // Estimated counts are marked, failures sit in their row with the cause.
    expect(md).toContain('| Lite\\|LLM · gpt-x | ok | 150 | 1150 | ~40.0 | ~41 | stop |  |');
    expect(md).toContain(`| Lite\\|LLM · gpt-x | failed | — | 20 | — | — | — | ${modelMissing.message} |`);
    const [a, b] = figures.overall;
    expect(md).toContain(
      `| Ollama · llama3.2 | 3 | 0 | 0 | ${formatMs(a?.ttftMs.mean)} | ${formatMs(a?.ttftMs.median)} | ${formatMs(a?.totalMs.mean)} | ${formatMs(a?.totalMs.median)} | ${formatRate(a?.tokensPerSecond.mean)} | ${formatRate(a?.tokensPerSecond.median)} | ${formatCount(a?.completionTokens.mean)} | ${formatCount(a?.completionTokens.median)} |`,
    );
    expect(md).toContain(
      `| Lite\\|LLM · gpt-x | 2 | 1 | 0 | 100 | 100 | 850 | 850 | ~45.0 | ~45.0 | ~33.5 | ~33.5 |`,
    );
    expect(md).toContain('\\~ marks figures computed from token counts estimated with our tokenizer');
    expect(formatRate(a?.tokensPerSecond.mean)).toBe('83.3');
    expect(b?.completionTokens.mean).toBe(33.5);
    expect(md).toContain('## Differences vs Ollama · llama3.2');
    expect(md).toContain('| Lite\\|LLM · gpt-x | -100 | 0.50× | -55.0 | 0.45× |');
  });

  it('escapes untrusted text: pipes and newlines in cells, markup in prompts, fences answers they cannot close', () => {
    const md = runToMarkdown(fixture());
    expect(md).toContain('> Two lines\n> with a \\| pipe and \\*stars\\*');
    expect(md).toContain('> \\=HYPERLINK("http://evil.example","click")');
    // An answer containing a ``` fence sits inside a longer one.
    expect(md).toContain('````text\nPlan:\n```js\ncode()\n```\n````');
    expect(md).toContain('Answer from **Lite\\|LLM · gpt-x**:\n\n_(no text)_');
    for (const line of md.split('\n').filter((l) => l.startsWith('|')))
      expect(line.replace(/\\\|/g, '').split('|').length - 2).toBeGreaterThanOrEqual(5);
    expect(escapeMarkdown('a\r\nb | <img src=x> [link](javascript:x) `code` ~~x~~ _y_')).toBe(
      'a b \\| \\<img src=x\\> \\[link\\](javascript:x) \\`code\\` \\~\\~x\\~\\~ \\_y\\_',
    );
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
  });

  it('every row of every table has as many cells as its header', () => {
    const lines = runToMarkdown(fixture()).split('\n');
    let width = 0;
    for (const line of lines) {
      if (!line.startsWith('| ')) {
        width = 0;
        continue;
      }
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      if (width === 0) width = cells;
      expect(cells).toBe(width);
    }
  });
});

describe('export files', () => {
  it('names the file after the run and its date, and sets the type', () => {
    const run = fixture();
    expect(exportFileName(run, 'csv')).toBe('compare-local-cloud-task-prompts-20250115-0930.csv');
    expect(exportFileName({ ...run, name: '***' }, 'markdown')).toBe('compare-run-20250115-0930.md');
    expect(exportRun(run, 'csv')).toMatchObject({ mimeType: 'text/csv;charset=utf-8' });
    expect(exportRun(run, 'markdown')).toMatchObject({
      filename: 'compare-local-cloud-task-prompts-20250115-0930.md',
      mimeType: 'text/markdown;charset=utf-8',
    });
  });
});
