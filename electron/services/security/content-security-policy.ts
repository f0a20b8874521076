/**
 * The renderer's Content Security Policy, sent by both transports (the Electron shell's app://
 * protocol and the browser host): scripts, styles, fonts and connections from our own origin only
 * (images also from `data:` and the page's own `blob:` URLs: attachment thumbnails before upload),
 * no plugins, no framing, no form posts. One constant, so the two cannot drift apart.
 */
export const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
