# CNN Playground: verbs only. The build itself lives in CMakeLists.txt; this file names what to run.
#   make serve   build the engine for the browser and serve the page on http://127.0.0.1:8000/
#   make test    native + WASM unit tests (ctest), then the browser tests (node --test)
#   make bench   speed vs TF.js and ConvNetJS, one table (a benchmark, not a test; BENCH_ARGS=--json)
#   make fuzz    the libFuzzer harnesses, FUZZ_SECONDS each (default 60)

NATIVE_DIR := build/native
ASAN_DIR   := build/asan
FUZZ_DIR   := build/fuzz
WASM_DIR   := build/wasm
DIST_DIR   := build/dist
JOBS       ?= 2
CTEST_FLAGS ?=
BENCH_ARGS ?=
FUZZ_SECONDS ?= 60

# emcc needs Debian's acorn & co. to link at -O2 and above (TOOLCHAIN.md).
export NODE_PATH := /usr/share/nodejs

# emcmake's default emulator (node --experimental-wasm-threads) breaks ctest, and Node 20 must not
# use fetch() to load the .wasm from a file path: both are fixed by this emulator.
WASM_EMULATOR := /usr/bin/node;--no-experimental-fetch

# Each verb drives cmake, which parallelizes by itself; running verbs side by side only oversubscribes
# the two cores.
.NOTPARALLEL:
# cmake --build runs make underneath: keep its "Entering directory" lines out of the log.
MAKEFLAGS += --no-print-directory
.PHONY: deps native asan fuzz-build fuzz wasm web cnnplay cnnplay-wasm test bench serve dist clean

# Install missing apt/npm packages and the Dear ImGui sources (fast and silent when present).
deps:
	@bash tools/install_deps.sh

# Configure once: `cmake --build` re-runs cmake by itself when CMakeLists.txt changes.
$(NATIVE_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(NATIVE_DIR) -DCMAKE_BUILD_TYPE=Release

# The sanitizer build: the same sources under ASan + UBSan (CNN_SANITIZE in CMakeLists.txt).
$(ASAN_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCNN_SANITIZE=ON

# The fuzzing build: clang with libFuzzer, ASan and UBSan (CNN_FUZZ in CMakeLists.txt).
$(FUZZ_DIR)/CMakeCache.txt: | deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCNN_FUZZ=ON

$(WASM_DIR)/CMakeCache.txt: | deps
	emcmake cmake -S . -B $(WASM_DIR) -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CROSSCOMPILING_EMULATOR=$(WASM_EMULATOR)"

# Build everything natively (engine, tests, the cnnplay CLI) in build/native.
native: deps $(NATIVE_DIR)/CMakeCache.txt
	cmake --build $(NATIVE_DIR) -j$(JOBS)

# The native tests, the UI's logic tests and the CLI under AddressSanitizer + UBSan in build/asan.
asan: deps $(ASAN_DIR)/CMakeCache.txt
	cmake --build $(ASAN_DIR) -j$(JOBS) --target engine_tests ui_tests cnnplay

# The libFuzzer harnesses (tests/fuzz/) in build/fuzz.
fuzz-build: deps $(FUZZ_DIR)/CMakeCache.txt
	cmake --build $(FUZZ_DIR) -j$(JOBS) --target fuzz_all

# Fuzz every harness for FUZZ_SECONDS (default 60) each; `make test` runs each for 10 s.
fuzz: fuzz-build
	CNN_FUZZ_SECONDS=$(FUZZ_SECONDS) ctest --test-dir $(FUZZ_DIR) --output-on-failure --no-tests=error -V -L fuzz

# Build everything with Emscripten (engine, tests, engine_web) in build/wasm.
wasm: deps $(WASM_DIR)/CMakeCache.txt
	cmake --build $(WASM_DIR) -j$(JOBS)

# Build only the page: the engine worker build/wasm/web/engine.{js,wasm} (+ MNIST as .gz in
# build/wasm/web/data/) and the UI module build/wasm/web/playground.{js,wasm}.
web: deps $(WASM_DIR)/CMakeCache.txt
	cmake --build $(WASM_DIR) -j$(JOBS) --target engine_web cnnplayground

# Build only the native command-line tool: build/native/cnnplay.
cnnplay: deps $(NATIVE_DIR)/CMakeCache.txt
	cmake --build $(NATIVE_DIR) -j$(JOBS) --target cnnplay

# Build only the command-line tool for Node: build/wasm/cnnplay.js.
cnnplay-wasm: deps $(WASM_DIR)/CMakeCache.txt
	cmake --build $(WASM_DIR) -j$(JOBS) --target cnnplay

# Run every test: native ctest (two at a time: the mini presets' 2-epoch runs take a minute
# each), the same under ASan + UBSan (without the windows under Xvfb: the GL driver is not
# ours; and without the full epoch over 60,000 digits that checks 98% accuracy: 274 s under
# the sanitizers, the whole sanitizer run's wall time, for paths the smoke runs on 4,000 digits
# and `cnnplay train --json` walk there too), each fuzzer for 10 s, WASM ctest under Node, then
# the browser tests (dist first: dist_nginx.test.mjs serves it with nginx under a sub-path), and
# the first load from dist with its brotli copies (page.test.mjs's 450,000-byte bound); stops at
# the first failure.
test: native asan fuzz-build wasm web
	ctest --test-dir $(NATIVE_DIR) -j2 --output-on-failure --no-tests=error $(CTEST_FLAGS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_DIR) -j2 --output-on-failure --no-tests=error -E '^ui\.native_window_|^cli\.train_one_epoch_reaches_98_percent$$' $(CTEST_FLAGS)
	CNN_FUZZ_SECONDS=10 ctest --test-dir $(FUZZ_DIR) -j2 --output-on-failure --no-tests=error -L fuzz
	NODE_OPTIONS=--no-experimental-fetch ctest --test-dir $(WASM_DIR) -j2 --output-on-failure --no-tests=error $(CTEST_FLAGS)
	$(MAKE) --no-print-directory dist
	node --test --test-concurrency=1 tests/browser/
	CNNPLAY_SERVE_ROOT=$(DIST_DIR) node --test --test-name-pattern='the page loads' tests/browser/page.test.mjs

# Benchmark, not a test: our engine (native, Node, Chromium) against TF.js and ConvNetJS in one table.
bench: cnnplay cnnplay-wasm
	cmake --build $(WASM_DIR) -j$(JOBS) --target engine_bench_web
	node tests/bench/run_bench.mjs $(BENCH_ARGS)

# Serve the repo root on http://127.0.0.1:8000/ (or $PORT) with a freshly built engine.
serve: web
	node web/serve.mjs

# Copy the page into build/dist/, a static folder that mirrors the repo's paths (see web/worker.js).
dist: web
	rm -rf $(DIST_DIR)
	mkdir -p $(DIST_DIR)/web $(DIST_DIR)/$(WASM_DIR)/web
	cp index.html $(DIST_DIR)/
	cp web/*.js web/*.css $(DIST_DIR)/web/
	cp web/service_worker.js $(DIST_DIR)/
	@# The page's own scripts minified as the glue is (tools/minify_js.mjs); the repository root
	@# serves them as written.
	node tools/minify_js.mjs $(DIST_DIR)/web/*.js $(DIST_DIR)/service_worker.js
	cp $(WASM_DIR)/web/engine.js $(WASM_DIR)/web/engine.wasm $(DIST_DIR)/$(WASM_DIR)/web/
	cp $(WASM_DIR)/web/playground.js $(WASM_DIR)/web/playground.wasm $(DIST_DIR)/$(WASM_DIR)/web/
	cp $(WASM_DIR)/web/zh.ttf $(WASM_DIR)/web/zh.table $(WASM_DIR)/web/zh-LICENSE.txt $(DIST_DIR)/$(WASM_DIR)/web/
	cp -r $(WASM_DIR)/web/data $(DIST_DIR)/$(WASM_DIR)/web/
	cp -r assets $(DIST_DIR)/
	@# A brotli and a gzip copy beside each file a static host may send compressed (nginx
	@# brotli_static / gzip_static, and web/serve.mjs): the datasets are gzip files already.
	@# The .br copies are written, not made with -k: brotli -k gives them the file's time cut to
	@# whole seconds, older than the file, and a server then takes them for stale.
	find $(DIST_DIR) -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' -o -name '*.bin' -o -name '*.ttf' -o -name '*.table' \) \
	  -exec gzip -9 -k -n -f {} + -exec sh -c 'for f; do brotli -q 11 -c "$$f" > "$$f.br"; done' sh {} +
	@echo "dist: $(DIST_DIR) (try: node web/serve.mjs $(DIST_DIR))"

# Remove every build output (build/cache, the unpacked Dear ImGui sources, included).
clean:
	rm -rf build
