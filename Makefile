# kgraph: a thin wrapper around CMake + Ninja. The targets a newcomer needs:
#   make demo    install dependencies, build, build a graph from examples/ and query it
#   make test    install dependencies, build with AddressSanitizer + UBSan, run every test
# and for development: make (Release), make debug, make asan, make tsan, make bench, make clean.

BUILD   ?= build
JOBS    ?= $(shell nproc)
CMAKE   := cmake -G Ninja -Wno-dev
CTEST_ARGS ?=

.PHONY: all release debug asan tsan test demo bench deps clean format

all: release

deps:
	@scripts/install-deps.sh

# One directory per configuration, configured once, rebuilt incrementally.
$(BUILD)/release/build.ninja:
	$(CMAKE) -S . -B $(BUILD)/release -DCMAKE_BUILD_TYPE=Release -DKG_BUILD_BENCH=ON
$(BUILD)/debug/build.ninja:
	$(CMAKE) -S . -B $(BUILD)/debug -DCMAKE_BUILD_TYPE=Debug
$(BUILD)/asan/build.ninja:
	$(CMAKE) -S . -B $(BUILD)/asan -DCMAKE_BUILD_TYPE=Debug -DKG_SANITIZE=ON -DKG_WERROR=ON
$(BUILD)/tsan/build.ninja:
	$(CMAKE) -S . -B $(BUILD)/tsan -DCMAKE_BUILD_TYPE=Debug -DKG_TSAN=ON -DKG_WERROR=ON -DKG_BUILD_PYTHON=OFF

release: deps $(BUILD)/release/build.ninja
	cmake --build $(BUILD)/release -j $(JOBS)

debug: deps $(BUILD)/debug/build.ninja
	cmake --build $(BUILD)/debug -j $(JOBS)

asan: deps $(BUILD)/asan/build.ninja
	cmake --build $(BUILD)/asan -j $(JOBS)

# The concurrency tests under ThreadSanitizer: threads sharing one Database
# (tests/api). Not part of `make test`, which would need another full build.
tsan: deps $(BUILD)/tsan/build.ninja
	cmake --build $(BUILD)/tsan -j $(JOBS) --target api_test
	cd $(BUILD)/tsan && ctest --output-on-failure -R Concurrency $(CTEST_ARGS)

# Every test under the sanitizers. Tests that need ../shared skip when it is absent.
test: asan
	cd $(BUILD)/asan && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

demo: release
	@scripts/demo.sh $(BUILD)/release/tools/kg

bench: release
	@bench/run.sh $(BUILD)/release

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp' '*.h')

clean:
	rm -rf $(BUILD)
