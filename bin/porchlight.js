#!/usr/bin/env node
// Registers the TypeScript loader from this package (not the caller's cwd), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
