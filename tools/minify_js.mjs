// Minifies JavaScript files in place with terser (an npm devDependency): Emscripten's glue
// (build/wasm/web/{playground,engine}.js, after each link) and `make dist`'s copies of web/*.js.
// Their bytes come before the first prediction; emcc itself only strips whitespace here, as its
// own minifier (closure) is not in Debian's package (../shared/TOOLCHAIN.md).
//   node tools/minify_js.mjs FILE...     a file that imports or exports is minified as a module
// Local names are mangled and dead code dropped; top-level names (createPlayground, createEngine,
// the service worker's handlers) and every property name stay, as the page calls them by name.
// minifyJs(text) is the same step for tests/browser/dist_nginx.test.mjs, which checks that dist
// holds the sources as they are now.
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

async function loadTerser() {
  try {
    return (await import('terser')).minify;
  } catch {
    throw new Error('minify_js: terser is not installed (run `make deps`, or tools/install_deps.sh npm)');
  }
}

export async function minifyJs(source) {
  const minify = await loadTerser();
  const module = /^\s*(import|export)\s/m.test(source);
  const result = await minify(source, { ecma: 2020, module, compress: { passes: 2 }, mangle: true });
  return `${result.code}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node tools/minify_js.mjs FILE...');
    process.exit(2);
  }
  try {
    for (const file of files) await writeFile(file, await minifyJs(await readFile(file, 'utf8')));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
