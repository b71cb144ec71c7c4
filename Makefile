# EvidenceEngine: two commands on a fresh Debian machine with Swift.
#   make run    install what is missing, build, load the bundled corpus once, serve the search page
#   make test   install what is missing, run the whole test suite

SWIFT        ?= swift
APT_PACKAGES := libsqlite3-dev libopenblas-dev liblapacke-dev
# The browser test drives headless Chromium through Selenium, all from Debian.
TEST_PACKAGES := chromium chromium-driver python3-selenium
EVIDENCE     := .build/release/evidence

.PHONY: all deps test-deps apt-install build run test bench bench-quick clean

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

build: deps
	$(SWIFT) build -c release --product evidence

# Loads Corpus/ into the default database if it is empty, builds the search index if it is not
# current, shows what the database holds, then serves the search page on http://127.0.0.1:8080/.
run: build
	$(EVIDENCE) import --if-empty Corpus/
	$(EVIDENCE) index build --if-stale
	$(EVIDENCE) stats
	$(EVIDENCE) serve

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# Benchmarks live in their own package (Benchmarks/), built in release, never by `make test`.
bench: deps
	cd Benchmarks && $(SWIFT) run -c release corpus-growth index --records 1000,10000,100000
	cd Benchmarks && $(SWIFT) run -c release corpus-growth query --records 100000

bench-quick: deps
	cd Benchmarks && $(SWIFT) run -c release corpus-growth index --records 1000,10000
	cd Benchmarks && $(SWIFT) run -c release corpus-growth query --records 10000

clean:
	rm -rf .build Benchmarks/.build
