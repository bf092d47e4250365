#!/usr/bin/env bash
# Fetches the pinned Converse.js release from the npm registry into the build output (never into
# the sources): its dist/ folder goes to <out>/webchat/converse/, which the webchat module serves at
# /chat. Run by Maven at generate-resources; skips the download when that version is in place.
# Without npm or the registry the build goes on and /chat explains that the client is missing.
set -uo pipefail
version="$1"
out="$2/webchat/converse"
if [ -f "$out/.version" ] && [ "$(cat "$out/.version")" = "$version" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-converse: npm not found; /chat will say the web client is not in this build" >&2
    exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$tmp" && npm pack "converse.js@$version" --silent >/dev/null 2>"$tmp/npm.log"); then
    echo "fetch-converse: npm pack converse.js@$version failed; /chat will say the web client is not in this build" >&2
    cat "$tmp/npm.log" >&2
    exit 0
fi
tar -xzf "$tmp/converse.js-$version.tgz" -C "$tmp" package/dist package/LICENSE package/package.json
rm -rf "$out"
mkdir -p "$out"
cp -r "$tmp/package/dist/." "$out/"
cp "$tmp/package/LICENSE" "$out/LICENSE"
# Only what the page loads: the minified bundle and its chunks, styles, fonts, images, sounds.
find "$out" -name '*.map' -delete
rm -f "$out/converse.js" "$out/converse.css" "$out"/website*.css
echo "$version" > "$out/.version"
echo "fetch-converse: Converse.js $version in $out"
