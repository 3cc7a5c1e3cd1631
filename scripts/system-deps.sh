#!/usr/bin/env bash
# Installs the system packages the code needs, only when one is missing (idempotent, fast when
# nothing is). Without root or apt it says exactly what to install instead of failing obscurely.
set -euo pipefail

PACKAGES=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-kor tesseract-ocr-osd tesseract-ocr-script-hang
  tesseract-ocr-chi-sim
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig
  fonts-nanum fonts-noto-cjk
  poppler-utils qpdf
  python3-venv
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "system-deps: installing ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: apt-get is not available. Install these packages by hand: ${missing[*]}" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "system-deps: root is needed to install: ${missing[*]}" >&2
    echo "  run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system-deps: done"
