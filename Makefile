# clustersim — make run builds the binary and runs the Yongkang baseline at
# full scale; make test runs every test (CI calls it through .ci/run).

GO ?= go
OUT ?= out
BIN := bin/clustersim

.PHONY: run build test bench memcheck fuzz fuzz-engine calibrate clean

build:
	$(GO) build -o $(BIN) ./cmd/clustersim

run: build
	./$(BIN) run yongkang --runs 4 --out $(OUT) --force

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# Benchmarks: the full-scale run on one core, and the ensemble on 1 and 2 workers.
bench:
	$(GO) test -run XXX -bench FullScaleRun -benchmem -count 5 -cpu 1 ./sim
	$(GO) test -run XXX -bench EnsembleWorkers -count 5 ./sim/ensemble

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

calibrate: build
	./$(BIN) calibrate --out $(OUT)/calibration

clean:
	rm -rf bin $(OUT)
