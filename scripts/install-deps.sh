#!/usr/bin/env bash
# Installs the Debian 12 packages duban needs to build, run and test, and nothing else.
# Idempotent and quick when everything is present: it asks dpkg first and only runs
# apt-get (through sudo when not root) for what is missing.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake make pkg-config
  # libraries (see docs/ARCHITECTURE.md for who uses what)
  libsqlitecpp-dev libsqlite3-dev libtomlplusplus-dev libspdlog-dev nlohmann-json3-dev
  libcli11-dev libboost-dev libsystemd-dev libhowardhinnant-date-dev tzdata
  # delivery: SMTP and HTTPS (libcurl), HMAC and base64 (OpenSSL), templates (mustache)
  libcurl4-openssl-dev libssl-dev libkainjow-mustache-dev ca-certificates
  # tests: a real SMTP server (aiosmtpd), certificates for STARTTLS (openssl),
  # postfix's smtp-sink for the delivery benchmark (only the sink binary runs)
  catch2 python3 python3-aiosmtpd openssl postfix
  # packaging and its tests: CPack's .deb (dpkg-shlibdeps), the unit checks
  # (systemd-analyze), man pages (groff), bash completion
  dpkg-dev systemd groff-base man-db bash-completion
  # the HTML report rendered and screenshotted headless, with CJK glyphs
  chromium fonts-noto-cjk
  # fuzzing (scripts/fuzz.sh): clang, and libFuzzer with the sanitizer runtimes, which
  # Debian 12 ships in libclang-rt-14-dev (only recommended by clang, so named here)
  clang libclang-rt-14-dev
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
