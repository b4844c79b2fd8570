/**
 * Child processes run plain Node, which cannot load the TypeScript sources; this transpiles
 * src/ into packages/store/.nearts-cache (ignored by git; bare imports such as `lmdb` resolve
 * from there through packages/store/node_modules).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Transpiles src/ and returns the file URL of the transpiled `relativePath` (e.g. 'lmdb-state.js'). */
export function transpiledSource(relativePath: string): string {
  const src = join(packageDir, 'src');
  const out = join(packageDir, '.nearts-cache', 'test-build');
  for (const file of walk(src)) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: file,
    });
    const target = join(out, relative(src, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return pathToFileURL(join(out, relativePath)).href;
}
