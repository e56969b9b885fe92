#!/bin/sh
# Install the Debian packages mentorkit's build and tests need, when they are missing.
# chromium: browser tests (Playwright drives /usr/bin/chromium; no browser download is needed)
# voikko-fi, python3-libvoikko: Finnish spelling; fonts-dejavu-core: every Finnish and Swedish
# letter in the PDFs; default-jre-headless: the Nu HTML Checker (vnu.jar).
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -f /usr/lib/python3/dist-packages/libvoikko.py ] || need="$need python3-libvoikko"
[ -d /usr/lib/voikko ] || need="$need voikko-fi"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need="$need fonts-dejavu-core"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
# WeasyPrint renders text with Pango.
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || need="$need libpango-1.0-0 libpangoft2-1.0-0"
[ -z "$need" ] && exit 0
echo "Installing Debian packages:$need"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# apt's lock can be busy for a moment on a machine that has just started: retry.
for attempt in 1 2 3 4 5; do
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null; then
    exit 0
  fi
  echo "apt-get failed (attempt $attempt); retrying in 5 s" >&2
  sleep 5
done
exit 1
