/**
 * What an attachment may be, named once: the composer refuses early with these, main checks them
 * again (what a client sends is never trusted), and the docs quote them.
 */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENTS_PER_MESSAGE_MAX = 10;
/** Images are downscaled so their longest side is at most this (what vision models look at anyway). */
export const IMAGE_MAX_SIDE = 1568;
export const ATTACHMENT_NAME_MAX = 255;
/** base64 of the largest attachment, with room for padding. */
export const ATTACHMENT_BASE64_MAX = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 4;

export const imageMimeTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
/** How a document's text was read: the format decides how it is shown and sent. */
export const documentFormats = ['text', 'markdown', 'code', 'csv', 'json', 'pdf'] as const;
