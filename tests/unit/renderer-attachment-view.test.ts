import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import type { Message } from '../../shared/domain/conversation';
import { textParts } from '../../shared/domain/message-content';
import type { FilePart, ImagePart } from '../../shared/domain/message-parts';
import {
  attachmentsHeight,
  cutNote,
  fileChipName,
  fileDetails,
  fitInside,
  formatBytes,
  imageDetails,
  THUMBNAIL_BOX,
} from '../../renderer/src/components/attachments/attachment-format';
import { ImageSourceCache } from '../../renderer/src/components/attachments/image-source-cache';
import { ImageViewerDialog } from '../../renderer/src/components/attachments/ImageViewerDialog';
import { EditMessageForm } from '../../renderer/src/components/transcript/EditMessageForm';
import { MessageItem, type MessageItemProps } from '../../renderer/src/components/transcript/MessageItem';
import {
  TranscriptActionsContext,
  type TranscriptActions,
} from '../../renderer/src/components/transcript/transcript-actions';
import { AppController } from '../../renderer/src/state/app-controller';
import { ControllerContext } from '../../renderer/src/state/controller-context';
import { FakeApi, FakeConnection } from './renderer-fake-api';

const hash = (c: string) => c.repeat(64);
const image = (extra: Partial<ImagePart> = {}): ImagePart => ({
  type: 'image',
  id: 'a1',
  hash: hash('a'),
  name: 'whiteboard.png',
  size: 235_520,
  mimeType: 'image/png',
  width: 1568,
  height: 1045,
  ...extra,
});
const pdf = (extra: Partial<FilePart> = {}): FilePart => ({
  type: 'file',
  id: 'a2',
  hash: hash('b'),
  name: 'report.pdf',
  size: 1_258_291,
  mimeType: 'application/pdf',
  format: 'pdf',
  textHash: hash('c'),
  textChars: 12_345,
  pages: 3,
  ...extra,
});

describe('describing attachments', () => {
  it('gives sizes as file managers do', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(14 * 1024 + 300)).toBe('14 KB');
    expect(formatBytes(1_258_291)).toBe('1.2 MB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
  });

  it('shows a document with its format, pages and size, and says when only its start was sent', () => {
    expect(fileDetails(pdf())).toEqual(['PDF', '3 pages', '1.2 MB']);
    expect(fileDetails(pdf({ format: 'csv', pages: undefined, size: 2048 }))).toEqual(['CSV', '2 KB']);
    expect(cutNote(pdf())).toBeUndefined();
    expect(cutNote(pdf({ cutToChars: 4000 }))).toBe('Cut to 4,000 of 12,345 characters');
    // Cut to at least its whole length is no cut.
    expect(cutNote(pdf({ cutToChars: 12_345 }))).toBeUndefined();
    expect(fileChipName(pdf({ cutToChars: 4000 }))).toBe(
      'report.pdf, PDF, 3 pages, 1.2 MB, cut to 4,000 of 12,345 characters',
    );
    expect(imageDetails(image())).toBe('1568 × 1045 · 230 KB');
  });

  it('fits a thumbnail in its box with its proportions, never enlarging a small image', () => {
    expect(fitInside({ width: 1568, height: 1045 }, THUMBNAIL_BOX)).toEqual({ width: 200, height: 133 });
    expect(fitInside({ width: 300, height: 1200 }, THUMBNAIL_BOX)).toEqual({ width: 38, height: 150 });
    expect(fitInside({ width: 40, height: 30 }, THUMBNAIL_BOX)).toEqual({ width: 40, height: 30 });
    expect(fitInside({ width: 5000, height: 1 }, THUMBNAIL_BOX)).toEqual({ width: 200, height: 1 });
  });

  it('guesses the height attachments take: a row of thumbnails per three, a line per chip', () => {
    expect(attachmentsHeight([])).toBe(0);
    const one = attachmentsHeight([image()]);
    expect(one).toBe(133 + 8);
    expect(attachmentsHeight([image(), image({ id: 'b' }), image({ id: 'c' })])).toBe(one);
    expect(attachmentsHeight([image(), image({ id: 'b' }), image({ id: 'c' }), image({ id: 'd' })])).toBe(
      2 * one,
    );
    expect(attachmentsHeight([image(), pdf()])).toBe(one + 48 + 8);
  });
});

describe('ImageSourceCache', () => {
  const loaded = (hash: string): Result<{ dataUrl: string }> => ({
    ok: true,
    value: { dataUrl: `data:image/png;base64,${hash.slice(0, 4)}` },
  });

  it('asks main once per image while it is remembered, and forgets the oldest past its size', async () => {
    const asked: string[] = [];
    const cache = new ImageSourceCache((h) => {
      asked.push(h);
      return Promise.resolve(loaded(h));
    }, 2);
    expect(await cache.get(hash('a'))).toEqual(loaded(hash('a')));
    await cache.get(hash('a'));
    await cache.get(hash('b'));
    await cache.get(hash('a')); // a is now the most recent: b goes first
    await cache.get(hash('c'));
    await cache.get(hash('a'));
    await cache.get(hash('b'));
    expect(asked).toEqual([hash('a'), hash('b'), hash('c'), hash('b')]);
  });

  it('asks again after a refusal or a broken connection, and says why it failed', async () => {
    let answer: 'refuse' | 'throw' | 'ok' = 'refuse';
    let asked = 0;
    const cache = new ImageSourceCache((h) => {
      asked++;
      if (answer === 'throw') return Promise.reject(new Error('The connection closed.'));
      return Promise.resolve(
        answer === 'ok'
          ? loaded(h)
          : {
              ok: false,
              error: { code: 'not-found', message: 'The image is not stored.', fix: '', retryable: false },
            },
      );
    });
    expect(await cache.get(hash('a'))).toMatchObject({
      ok: false,
      error: { message: 'The image is not stored.' },
    });
    answer = 'throw';
    expect(await cache.get(hash('a'))).toMatchObject({
      ok: false,
      error: { message: 'The image could not be loaded: The connection closed.' },
    });
    answer = 'ok';
    expect(await cache.get(hash('a'))).toEqual(loaded(hash('a')));
    await cache.get(hash('a'));
    expect(asked).toBe(3);
  });
});

const noActions: TranscriptActions = {
  startEdit() {},
  changeDraft() {},
  removeAttachment() {},
  cancelEdit() {},
  saveEdit: () => Promise.resolve(),
};

function render(node: ReactNode): string {
  const controller = new AppController(new FakeApi(), new FakeConnection());
  return renderToStaticMarkup(
    createElement(
      ControllerContext,
      { value: controller },
      createElement(TranscriptActionsContext, { value: noActions }, node),
    ),
  );
}

const userMessage = (text: string, attachments: (ImagePart | FilePart)[]): Message => ({
  id: 'u1',
  role: 'user',
  parts: [...(text ? textParts(text) : []), ...attachments],
  createdAt: 1,
  status: 'complete',
});

const rowProps = (message: Message, extra: Partial<MessageItemProps> = {}): MessageItemProps => ({
  message,
  canRetry: false,
  canRegenerate: false,
  position: 1,
  total: 1,
  omitted: false,
  highlighted: false,
  leftOutCount: 0,
  contextLength: 0,
  editDraft: undefined,
  editAttachments: undefined,
  laterCount: 0,
  editBlockedReason: undefined,
  versionsLocked: false,
  ...extra,
});

describe('a sent message with attachments', () => {
  it('shows a thumbnail sized before it loads and a document chip above the text', () => {
    const html = render(
      createElement(
        MessageItem,
        rowProps(userMessage('What does this say?', [image(), pdf({ cutToChars: 4000 })])),
      ),
    );
    expect(html).toContain('aria-label="2 attachments"');
    expect(html).toMatch(
      /<button type="button" class="sent-thumbnail" aria-label="View whiteboard.png larger" aria-haspopup="dialog" data-state="waiting" style="width:200px;height:133px"/,
    );
    expect(html).toContain('report.pdf');
    expect(html).toContain('PDF · 3 pages · 1.2 MB');
    expect(html).toContain('Cut to 4,000 of 12,345 characters');
    expect(html.indexOf('sent-attachments')).toBeLessThan(html.indexOf('What does this say?'));
    // Copy copies the text; Edit is there.
    expect(html).toContain('aria-label="Copy message"');
    expect(html).toContain('aria-label="Edit message"');
  });

  it('shows attachments alone without an empty text bubble or a Copy button', () => {
    const html = render(createElement(MessageItem, rowProps(userMessage('', [image()]))));
    expect(html).toContain('View whiteboard.png larger');
    expect(html).not.toContain('user-text');
    expect(html).not.toContain('Copy message');
  });

  it('edits with the attachments the message keeps, each removable, and sends attachments alone', () => {
    const form = (draft: string, attachments: (ImagePart | FilePart)[]) =>
      render(
        createElement(EditMessageForm, {
          draft,
          attachments,
          laterCount: 1,
          blockedReason: undefined,
          onChange() {},
          onRemoveAttachment() {},
          onSave: () => Promise.resolve(),
          onCancel() {},
        }),
      );
    const both = form('', [image(), pdf()]);
    expect(both).toContain('aria-label="Remove whiteboard.png"');
    expect(both).toContain('aria-label="Remove report.pdf"');
    expect(both).toContain('Saving sends the new text with the attachments shown.');
    expect(both).toMatch(/<button type="submit" class="button button-primary">Save &amp; resend/);
    // Nothing left to send: Save & resend is disabled.
    expect(form('  ', [])).toMatch(/<button type="submit" class="button button-primary" disabled="">/);
  });

  it('opens the larger view as a named modal dialog with the size and a Close button', () => {
    const html = render(createElement(ImageViewerDialog, { part: image(), onClose() {} }));
    expect(html).toMatch(
      /^<dialog class="dialog image-viewer" aria-labelledby="(.+)-title" aria-describedby="\1-details" aria-modal="true">/,
    );
    expect(html).toMatch(/<h2 id="[^"]+-title" class="dialog-title image-viewer-title">whiteboard.png<\/h2>/);
    expect(html).toContain('1568 × 1045 · 230 KB');
    expect(html).toContain('<button type="button" class="button">Close</button>');
    expect(html).toContain('role="status">Loading the image…');
  });
});
