#!/usr/bin/env node
// `npx peliqan-embed …`: see cli.ts.
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
