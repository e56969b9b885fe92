#!/bin/sh
# Install the Debian packages mentorkit needs, when they are missing, in two sets:
#   sh scripts/install-system-deps.sh build   what `make build` needs: Pango for WeasyPrint and the
#                                            DejaVu fonts (every Finnish and Swedish letter in the PDFs)
#   sh scripts/install-system-deps.sh test    what `make test` adds: chromium (browser tests; Playwright
#                                            drives /usr/bin/chromium, no browser download),
#                                            default-jre-headless (the Nu HTML Checker, vnu.jar),
#                                            voikko-fi and python3-libvoikko (Finnish spelling),
#                                            hunspell and hunspell-sv (Swedish spelling)
# The test set includes the build set. Needs root or sudo only when something is missing.
set -eu
# ldconfig lives in /sbin, which a user's PATH (and a clean environment) may leave out: without it
# Pango would look missing and be installed again.
PATH="$PATH:/usr/sbin:/sbin"
set_name="${1:-build}"
need=""
# WeasyPrint renders text with Pango.
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || need="$need libpango-1.0-0 libpangoft2-1.0-0"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need="$need fonts-dejavu-core"
case "$set_name" in
  build) ;;
  test)
    command -v chromium >/dev/null 2>&1 || need="$need chromium"
    command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
    [ -f /usr/lib/python3/dist-packages/libvoikko.py ] || need="$need python3-libvoikko"
    [ -d /usr/lib/voikko ] || need="$need voikko-fi"
    command -v hunspell >/dev/null 2>&1 || need="$need hunspell"
    [ -f /usr/share/hunspell/sv_FI.dic ] || need="$need hunspell-sv"
    ;;
  *) echo "usage: sh scripts/install-system-deps.sh build|test" >&2; exit 2 ;;
esac
[ -z "$need" ] && exit 0
echo "Installing Debian packages for $set_name:$need"
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
