# The two commands (see README.md). Both first run scripts/setup.sh, which
# installs whatever is missing and is quick when everything is present.

.PHONY: serve test setup

serve: setup
	scripts/serve.sh

test: setup
	scripts/test.sh

setup:
	scripts/setup.sh
