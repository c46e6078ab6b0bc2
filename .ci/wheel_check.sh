#!/usr/bin/env bash
# The wheel as a user gets it: built from the tree, installed into a fresh venv with the pip that
# the Python ships (no upgrade), then run from outside the source tree: the demo's data load,
# `score` on two text files, and `fetch` from a local http.server on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/claimdesk-wheel.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "wheel check: $*" >&2; exit 1; }

# Build from a clean copy of the tree (tracked and new files, nothing ignored), so no stale
# build/ directory can slip files into the wheel.
mkdir "$work/src"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [ -e "$f" ] && printf '%s\0' "$f"
done | tar -c --null -T - | tar -x -C "$work/src"
"$PYTHON" -m pip wheel --no-deps --quiet --disable-pip-version-check -w "$work/dist" "$work/src"
wheel=$(ls "$work"/dist/claimdesk-*.whl)
echo "wheel: $(basename "$wheel") $(stat -c %s "$wheel") bytes"

"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"
echo "installed with $("$work/venv/bin/python" -m pip --version | cut -d' ' -f1-2)"
cd "$work"  # from here on nothing can import the source tree
bin="$work/venv/bin"

# 1. The demo's data, from the package itself.
expected=$(grep -c . "$work/src/claimdesk/sample_data/pairs.jsonl")
out=$("$bin/claimdesk" demo --load-into "$work/demo.db") || fail "demo --load-into exited $?"
[ "$out" = "added $expected, skipped 0, bad 0" ] || fail "demo --load-into said: $out"
"$bin/claimdesk" --db "$work/demo.db" stats > stats.txt || fail "stats on the demo store exited $?"
grep -Eq "^  total +$expected\$" stats.txt || fail "the demo store holds: $(cat stats.txt)"
echo "demo data: $out"

# 2. score: the changed figure is reported as an altered number.
printf 'The council raised tax by 4.99 per cent on Monday. Mayor Ana Lopez said the budget was fair.\n' > a.txt
printf 'A council raised tax by 5.99 percent on Monday. Mayor Ana Lopez pronounced the budget was fair.\n' > b.txt
"$bin/claimdesk" score a.txt b.txt --json > score.json || fail "score exited $?"
"$bin/python" - score.json <<'PY' || fail "score output: $(cat score.json)"
import json, sys
result = json.load(open(sys.argv[1]))
reasons = [r for c in result["claims"] for r in c["reasons"]]
assert result["summary"]["counts"]["altered"] == 1, result["summary"]
assert reasons == [{"kind": "number", "original": "4.99 per cent", "variant": "5.99 percent"}], reasons
PY
echo "score: altered number 4.99 per cent -> 5.99 percent"

# 3. fetch from a local server: HTML reduced by trafilatura (lxml_html_clean must be there).
mkdir site
page() { printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1><p>%s</p></article><footer>All rights reserved.</footer></body></html>\n' "$1" "$1" "$2"; }
page "Harbour town opens its new lifeboat station" \
    "The town of Kestrel Bay opened its new lifeboat station on Saturday after four years of fundraising. Mayor Ilse Varga said the station cost 2.4 million euros and will house two boats. About 1,200 residents attended the ceremony on the harbour wall." > site/article.html
page "Harbor village unveils a fresh lifeboat base" \
    "A village of Kestrel Bay unveiled its fresh lifeboat base on Saturday after four years of fundraising. Mayor Ilse Varga pronounced the base cost 3.1 million euros and will house two boats. About 1,200 locals attended a ceremony on the harbour wall." > site/copy.html
"$PYTHON" -u -m http.server 0 --bind 127.0.0.1 --directory site > server.log 2>&1 &
server_pid=$!
port=""
for _ in $(seq 100); do
    port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' server.log | head -1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || fail "http.server did not start: $(cat server.log)"
base="http://127.0.0.1:$port"
"$bin/claimdesk" --db "$work/fetch.db" fetch --allow-private "$base/article.html" "$base/copy.html" > fetch.txt 2> fetch.err \
    || fail "fetch exited $?: $(cat fetch.err)"
[ ! -s fetch.err ] || fail "fetch wrote to stderr: $(cat fetch.err)"
[ "$(tail -1 fetch.txt)" = "added 1, skipped 0, failed 0" ] || fail "fetch said: $(cat fetch.txt)"
# The copy's title came out of the HTML: record a verdict on it and read it back in an export.
variant=$(sed -n 's/^added variant \([0-9][0-9]*\): .*/\1/p' fetch.txt)
"$bin/claimdesk" --db "$work/fetch.db" --editor ci verdict "$variant" faithful > /dev/null || fail "verdict exited $?"
"$bin/claimdesk" --db "$work/fetch.db" export --format jsonl --out export.jsonl || fail "export exited $?"
grep -q "Harbor village unveils a fresh lifeboat base" export.jsonl || fail "export: $(cat export.jsonl)"
echo "fetch: $(tail -1 fetch.txt) from $base"
echo "wheel check passed"
