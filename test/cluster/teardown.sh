#!/usr/bin/env bash
# Stop what setup.sh started: the Slurm daemons and munged, the rootless dockerd of the test user and the registry.
# With --all also the rootful dockerd (only if setup.sh started it). Idempotent; keeps data
# (images, registry storage, debootstrap cache, users) so the next setup.sh is quick.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=test/cluster/common.sh
source "$here/common.sh"
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

# rootless dockerd
uid="$(eda_uid "$EDA_USER")"
if sid="$(eda_pidfile_alive "$EDA_ROOTLESS_PIDFILE")"; then
  log "stopping rootless dockerd of $EDA_USER (session $sid)"
  eda_kill_session "$sid"
fi
if [[ -n "$uid" ]]; then
  xdg="$(eda_rootless_xdg "$uid")"
  cpid="$(cat "$xdg/dockerd-rootless/child_pid" 2>/dev/null || true)"
  if [[ "$cpid" =~ ^[0-9]+$ ]] && eda_alive "$cpid" && [[ "$(stat -c %u "/proc/$cpid" 2>/dev/null)" == "$uid" ]]; then
    sid="$(ps -o sid= -p "$cpid" | tr -d ' ')"
    if [[ -n "$sid" && "$sid" != 0 ]]; then
      log "stopping leftover rootlesskit of $EDA_USER (session $sid)"
      eda_kill_session "$sid"
    fi
  fi
  rm -rf "$xdg/dockerd-rootless"
  rm -f "$xdg/docker.pid" "$xdg/docker.sock"
fi
rm -f "$EDA_ROOTLESS_PIDFILE"

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
