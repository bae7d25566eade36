import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering of DESIGN.md is only worth something if lint really fails on a
// wrong arrow; these cases would pass silently if the config stopped matching.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint', () => {
  it.each([
    ['src/shared/model/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/shared/model/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/shared/model/x.ts', "import { Dexie } from 'dexie';\nexport const a = Dexie;\n"],
    ['src/renderer/ui/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['src/renderer/ui/x.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
    ['src/main/x.ts', "import { Dexie } from 'dexie';\nexport const a = Dexie;\n"],
    ['src/relay/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ])('refuses a wrong arrow in %s', async (file, code) => {
    expect(await restricted(file, code)).not.toEqual([]);
  }, 60_000);

  it('allows the arrows DESIGN.md draws', async () => {
    expect(await restricted('src/shared/model/x.ts', "import * as Y from 'yjs';\nexport const a = Y;\n")).toEqual([]);
    expect(await restricted('src/renderer/ui/x.ts', "import { Dexie } from 'dexie';\nexport const a = Dexie;\n")).toEqual([]);
  }, 60_000);
});
