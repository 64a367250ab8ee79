#!/usr/bin/env bash
# Stop what setup.sh started: the Slurm daemons and munged, the rootless dockerd of the test user (and of the demo user,
# demo-user.sh) and the registry.
# With --all also the rootful dockerd (only if setup.sh started it). Idempotent; keeps data
# (images, registry storage, debootstrap cache, users) so the next setup.sh is quick.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=test/cluster/common.sh
source "$here/common.sh"
# shellcheck source=test/cluster/rootless.sh
source "$here/rootless.sh"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

all=0
for a in "$@"; do
  case "$a" in
    --all) all=1 ;;
    -h | --help)
      echo "usage: $0 [--all]   (--all: also stop the rootful dockerd started by setup.sh)"
      exit 0
      ;;
    *)
      echo "teardown.sh: unknown argument: $a" >&2
      exit 2
      ;;
  esac
done
if [[ "$(id -u)" != 0 ]]; then
  echo "teardown.sh: must run as root" >&2
  exit 1
fi
log() { printf '[teardown] %s\n' "$*"; }

# Slurm daemons and munged (configuration and state kept)
# shellcheck source=test/cluster/slurm.sh
source "$here/slurm.sh"
log "stopping the Slurm daemons and munged"
eda_slurm_teardown

# rootless dockerds (of the test user, and of the demo user if demo-user.sh made one)
eda_rootless_stop "$EDA_USER"
eda_rootless_stop "$EDA_DEMO_USER"

# registry
if pid="$(eda_pidfile_alive "$EDA_REGISTRY_PIDFILE")"; then
  log "stopping registry (pid $pid)"
  eda_kill_session "$pid"
fi
rm -f "$EDA_REGISTRY_PIDFILE"

# rootful dockerd
if ((all)); then
  if pid="$(eda_pidfile_alive "$EDA_DOCKERD_PIDFILE")"; then
    log "stopping rootful dockerd (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
      eda_alive "$pid" || break
      sleep 0.2
    done
    if eda_alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  elif eda_pidfile_alive /var/run/docker.pid >/dev/null; then
    log "rootful dockerd was not started by setup.sh: leaving it running"
  fi
  rm -f "$EDA_DOCKERD_PIDFILE"
fi

rm -f "$EDA_ENV_FILE"
log "done"
