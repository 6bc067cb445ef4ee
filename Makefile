# The two commands (see README.md). Both first run scripts/setup.sh, which
# installs whatever is missing and is quick when everything is present.

.PHONY: serve test setup classroom

serve: setup
	scripts/serve.sh

test: setup
	scripts/test.sh

# A live class on this computer's network (docs/classroom.md): the app and the class's server.
classroom: setup
	scripts/classroom.sh

setup:
	scripts/setup.sh
