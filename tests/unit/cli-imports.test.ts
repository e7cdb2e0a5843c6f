import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// cli/ is published on its own (npm install -g ./cli): it may use only Node and the dependencies it declares.
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'cli');
const cliPackage = JSON.parse(readFileSync(path.join(CLI, 'package.json'), 'utf8'));
const rootPackage = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const sources = readdirSync(CLI, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(mjs|js|cjs)$/.test(f) && !f.startsWith('node_modules'))
  .map((f) => path.join(CLI, f));

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('the cli package', () => {
  it('has sources whose imports this test reads', () => {
    expect(sources.map((f) => path.relative(CLI, f))).toEqual(expect.arrayContaining(['bin/chitter.mjs', path.join('src', 'main.mjs')]));
    expect(sources.flatMap(importsOf)).toEqual(expect.arrayContaining(['../src/main.mjs', 'commander', '@inquirer/prompts', 'eventsource-parser', 'node:os']));
  });

  it('imports only node: builtins and the dependencies its own package.json declares, exact-pinned', () => {
    const declared = cliPackage.dependencies as Record<string, string>;
    for (const [name, version] of Object.entries(declared)) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    for (const file of sources) {
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) continue;
        if (specifier.startsWith('node:')) {
          expect(builtinModules, `${file}: ${specifier}`).toContain(specifier.slice(5));
          continue;
        }
        expect(Object.keys(declared), `${path.relative(ROOT, file)} imports ${specifier}`).toContain(packageName(specifier));
      }
    }
  });

  it('never reaches outside cli/ with a relative import', () => {
    for (const file of sources) {
      for (const specifier of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = path.resolve(path.dirname(file), specifier);
        expect(path.relative(CLI, target).startsWith('..'), `${path.relative(ROOT, file)} imports ${specifier}`).toBe(false);
      }
    }
  });

  it('is what npx chitter runs in a checkout, with the same versions of its dependencies', () => {
    expect(cliPackage.bin).toEqual({ chitter: 'bin/chitter.mjs' });
    expect(rootPackage.bin).toEqual({ chitter: 'cli/bin/chitter.mjs' });
    for (const [name, version] of Object.entries(cliPackage.dependencies as Record<string, string>)) expect(rootPackage.dependencies[name], name).toBe(version);
  });
});
