// `node --import ./tests/boot/fake-electron/register.mjs …`: installs hooks.mjs before anything loads.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
