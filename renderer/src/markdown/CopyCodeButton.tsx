import { CopyButton } from '../components/CopyButton';

const announce = { copied: 'Code copied', failed: 'The code could not be copied' };

/** Copies a code block's text. */
export function CopyCodeButton({ getText }: { getText: () => string }) {
  return <CopyButton name="Copy code" className="copy-button" getText={getText} announce={announce} />;
}
