/** Loopback and private-network hosts are local; everything else is a cloud backend. */
export function locationOf(url: string): 'local' | 'cloud' {
  let host: string;
  try {
    host = new URL(url).host
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '')
      .toLowerCase();
  } catch {
    return 'cloud';
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === '::1')
    return 'local';
  const octets = host.split('.').map(Number);
  if (octets.length === 4 && octets.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) {
    const [a = 0, b = 0] = octets;
    return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31)
      ? 'local'
      : 'cloud';
  }
  return /^(fd|fe80)/.test(host) ? 'local' : 'cloud';
}
