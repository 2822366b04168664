# clustersim — make run builds the binary and runs the Yongkang baseline at
# full scale; make test runs every test (CI calls it through .ci/run).

GO ?= go
OUT ?= out
BIN := bin/clustersim

.PHONY: run build test bench pgo memcheck fuzz fuzz-engine fuzz-structured calibrate clean

build:
	$(GO) build -o $(BIN) ./cmd/clustersim

run: build
	./$(BIN) run yongkang --runs 4 --out $(OUT) --force

test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

# Benchmarks: the full-scale run and its floor (the bare pass) on one core,
# the full-scale run again built with the binary's profile (PGO), and the
# ensemble on 1 and 2 workers.
bench:
	$(GO) test -run XXX -bench 'FullScaleRun|BarePass' -benchmem -count 5 -cpu 1 ./sim
	$(GO) test -run XXX -bench FullScaleRun -benchmem -count 5 -cpu 1 -pgo=cmd/clustersim/default.pgo ./sim
	$(GO) test -run XXX -bench EnsembleWorkers -count 5 ./sim/ensemble

# The profile the binary is built with (profile-guided optimisation: go
# build uses cmd/clustersim/default.pgo): a CPU profile of the full-scale
# run. Regenerate it after changing the engine's hot loop.
pgo:
	$(GO) test -run XXX -bench FullScaleRun -benchtime 4x -cpu 1 -cpuprofile cmd/clustersim/default.pgo ./sim
	rm -f sim.test

# Peak memory (maximum resident set size) of an ensemble of 20 and of 200 runs
# at scale 0.01: it must not grow with the runs.
memcheck: build
	@for runs in 20 200; do \
		/usr/bin/time -f "--runs $$runs: %M kB maximum resident set size, %e s" \
			./$(BIN) run --scale 0.01 --runs $$runs --quiet --force --out $(OUT)/memcheck >/dev/null || exit 1; \
	done

fuzz:
	$(GO) test -run XXX -fuzz FuzzParse -fuzztime 60s ./scenarios

# The engine on whatever the loader accepts: 4 months at about 100 households
# (FUZZTIME=100000x for a number of executions).
FUZZTIME ?= 120s
fuzz-engine:
	$(GO) test -run XXX -fuzz FuzzEngine -fuzztime $(FUZZTIME) -parallel 2 ./scenarios

# The engine on scenarios valid by construction: the fuzzed bytes choose the
# sizes (some at the largest the loader accepts), dates, rungs, estates,
# destinations, regimes, events and numbers, often at the ends of their
# ranges; a few months at a small scale each. It prints how many executions
# the fuzzing processes made, how many the loader refused (none expected)
# and how many reached the engine.
fuzz-structured:
	@stats=$$(mktemp -d) && \
	CLUSTERSIM_FUZZ_STATS=$$stats $(GO) test -run XXX -fuzz FuzzEngineStructured -fuzztime $(FUZZTIME) -fuzzminimizetime 10s -timeout 0 -parallel 2 ./scenarios; rc=$$?; \
	cat $$stats/*.txt 2>/dev/null | awk '$$1 != "last_refusal" { n[$$1] += $$2 } $$1 == "last_refusal" && $$2 != "\"\"" { last = $$0 } \
		END { printf "fuzzing processes: %d executions, %d refused by the loader, %d reached the engine (%d at the largest sizes), %d ran to their end, %d non-finite series values\n", \
			n["execs"], n["refused"], n["engine"], n["large"], n["completed"], n["non_finite"]; if (last != "") print last }'; \
	rm -rf $$stats; exit $$rc

calibrate: build
	./$(BIN) calibrate --out $(OUT)/calibration

clean:
	rm -rf bin $(OUT)
