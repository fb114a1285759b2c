#!/usr/bin/env bash
# Smoke-test a built image without running a container: mount it read-only and run its
# commands in a chroot, as its user, with its environment.
#   sudo deploy/smoke-image.sh [TAG]
set -euo pipefail
tag="${1:-nashra}"
root="$(podman image mount "$tag")"
data="$(mktemp -d)"
chown 10001:10001 "$data"
mount --bind "$data" "$root/data"  # the image's VOLUME: the only place it writes
worker=
cleanup() {
  if [[ -n "$worker" ]]; then kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true; fi
  umount "$root/data"; rm -rf "$data"; podman image unmount "$tag" >/dev/null
}
trap cleanup EXIT

# the image's ENV, as `podman image inspect` reports it
mapfile -t env < <(podman image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$tag" | sed '/^$/d')
# chroot, env and sh each exec the next: a call put in the background has nashra's own pid
in_chroot=(chroot --userspec=10001:10001 "$root" /usr/bin/env -i HOME=/app "${env[@]}")
in_image() { "${in_chroot[@]}" sh -c "cd /app && exec $*"; }

in_image nashra --help >/dev/null
echo "ok: nashra --help"
in_image nashra extract --manifest seeds/manifest.json --json >"$data/extract.json"
python3 - "$data/extract.json" <<'EOF'
import json, sys
articles = json.load(open(sys.argv[1]))["articles"]
assert articles and all(a["incidents"] or a["statements"] for a in articles), articles
print(f"ok: nashra extract: {len(articles)} seeds, {sum(len(a['incidents']) for a in articles)} incidents")
EOF
in_image nashra ingest --once
in_image nashra db current
echo "ok: ingest and migrations on the image's SQLite volume"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${in_chroot[@]}" NASHRA_METRICS_PORT="$port" sh -c "cd /app && exec nashra run --role ingest" &
worker=$!
python3 - "$port" <<'EOF'
import json, sys, time, urllib.request
for _ in range(100):
    try:
        body = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=5))
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("no /healthz")
assert body["status"] == "ok" and "seeds" in body["sources"], body
metrics = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=5).read().decode()
assert "nashra_fetch_errors" in metrics, metrics
print("ok: nashra run --role ingest serves /healthz and /metrics")
EOF
kill -TERM "$worker"
wait "$worker"  # set -e: a worker that does not exit 0 on SIGTERM fails the smoke test
worker=
echo "ok: the worker stopped on SIGTERM"
if in_image python -c "'import torch'" 2>/dev/null; then echo "torch is in the image" >&2; exit 1; fi
echo "ok: no torch"
