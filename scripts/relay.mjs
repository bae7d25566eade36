#!/usr/bin/env node
// `npm run relay -- [args]`: builds the relay (fast, see buildRelay.mjs), then
// runs it in this process with the same arguments. Always builds, so it never
// runs stale code.
import { pathToFileURL } from 'node:url';
import { buildRelay } from './buildRelay.mjs';

const bundle = await buildRelay();
await import(pathToFileURL(bundle).href);
