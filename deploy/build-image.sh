#!/usr/bin/env bash
# Build the image with podman on a base made from Debian's packages alone (no registry images):
#   sudo deploy/build-image.sh [TAG]        # TAG defaults to nashra
# Needs podman and debootstrap (apt-get install podman debootstrap). The base is made once and
# kept as the image nashra-base; delete it (podman rmi nashra-base) to make it again.
# NASHRA_BUILD_CA=/path/to/bundle.pem passes a CA bundle to pip, for a proxy that re-signs TLS.
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${1:-nashra}"
base="${NASHRA_BASE_IMAGE:-nashra-base}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if ! podman image exists "$base"; then
  root="$(mktemp -d)"
  trap 'rm -rf "$root"' EXIT
  debootstrap --variant=minbase --include=python3,python3-venv bookworm "$root" "$mirror"
  # what apt downloaded and indexed is not needed to run anything
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | podman import - "$base"
fi

secret=()
if [[ -n "${NASHRA_BUILD_CA:-}" ]]; then
  secret=(--secret "id=ca,src=$NASHRA_BUILD_CA")
fi
podman build --isolation chroot --build-arg "BASE=$base" -f deploy/Dockerfile \
  --ignorefile deploy/Dockerfile.dockerignore "${secret[@]}" -t "$tag" .
podman image ls "$tag"
