#!/usr/bin/env bash
# Installs what the PostgreSQL, Redis and browser test suites need on a Debian bookworm machine:
# postgresql-15, redis-server, pgvector built from Debian trixie's source package (bookworm ships
# no pgvector), and Chromium with the Noto fonts for Hebrew and Arabic script (the e2e journeys and
# bench:web run in /usr/bin/chromium). Idempotent: skips what is already there. Needs root.
set -euo pipefail

PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_pkgs=()
for pkg in postgresql-15 postgresql-server-dev-15 redis-server build-essential chromium fonts-noto-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_pkgs+=("$pkg")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "[services] installing ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# The Debian postgresql package starts a cluster of its own; the tests run their own throwaway servers.
$SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true
$SUDO systemctl disable --now redis-server >/dev/null 2>&1 || true

pkglibdir="$($PG_CONFIG --pkglibdir)"
if [ -f "$pkglibdir/vector.so" ]; then
  echo "[services] pgvector already installed ($pkglibdir/vector.so)"
  exit 0
fi

echo "[services] building pgvector from Debian trixie's source package"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial"
# The Debian mirror this machine already uses (main archive, not the security one).
mirror="$(awk '$1 == "URIs:" && $2 !~ /-security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
if [ -z "$mirror" ]; then
  mirror="$(awk '$1 == "deb" && $2 !~ /-security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)"
fi
if [ -z "$mirror" ]; then
  echo "[services] cannot find the Debian mirror in /etc/apt/sources.list(.d)" >&2
  exit 1
fi
cat > "$work/trixie-src.sources" <<SRC
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_opts=(-o "Dir::Etc::sourcelist=$work/trixie-src.sources" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$work/lists")
$SUDO apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only pgvector >/dev/null)
tarball="$(ls "$work"/pgvector_*.orig.tar.* | head -n 1)"
mkdir -p "$work/src"
tar -xf "$tarball" -C "$work/src" --strip-components=1
make -s -C "$work/src" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >/dev/null
$SUDO make -s -C "$work/src" install PG_CONFIG="$PG_CONFIG" >/dev/null
echo "[services] pgvector installed into $pkglibdir"
