# Hotline platform: one entry point for building, running and testing the suite.
# `make run` starts the five services locally; `make test` runs every test; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JAVA_HOME := $(shell scripts/find-jdk.sh)
export JAVA_HOME
MVN := ./mvnw -B

.PHONY: help java build run stop status test token helm-lint k8s-validate k8s-generate bench clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

java:
	@if [[ -z "$(JAVA_HOME)" ]]; then echo "make: a JDK 21 or newer is needed (see the message above)." >&2; exit 1; fi

build: java ## Build every service (no tests)
	$(MVN) -q package -DskipTests

run: java ## Build what is needed, prepare PostgreSQL, start the five services, wait until ready
	@scripts/run.sh

stop: ## Stop the services started by `make run`
	@scripts/stop.sh

status: ## Show which services of `make run` are up
	@scripts/run.sh --status

test: java ## Prepare the databases, then run every test (unit, @QuarkusTest, chart checks, system *IT)
	scripts/db-prepare.sh
	$(MVN) verify

token: ## Print a bearer token: make token ROLE=agent TENANT=37 (handlers add UNIT=<unit id>)
	@scripts/token.sh "$(or $(ROLE),agent)" "$(or $(TENANT),37)" "$(UNIT)"

helm-lint: java ## Lint and render the Helm chart in every configuration, validate every document offline
	scripts/helm-lint.sh

k8s-validate: java ## Check that k8s/ matches the chart and validates against the schemas
	scripts/k8s-validate.sh

k8s-generate: ## Regenerate the plain manifests in k8s/ from the chart
	scripts/k8s-generate.sh

bench: java ## Measure the running suite (open-model load): make bench [SCENARIO=contacts]; writes docs/benchmarks.md
	@SCENARIO="$(or $(SCENARIO),all)" scripts/bench.sh

clean: java ## Remove build output and the local run folder (.run/)
	$(MVN) -q clean
	rm -rf .run
