#!/usr/bin/env bash
# Read-only check of the local test cluster set up by setup.sh. Runs as any user, changes nothing.
# Prints "component  ok|MISSING|absent  how to fix"; exits 1 if anything is missing. "absent" marks what only
# `npm run demo` uses (the demo user and its daemon): shown, never counted.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=test/cluster/common.sh
source "$here/common.sh"
# shellcheck source=test/cluster/slurm.sh
source "$here/slurm.sh"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

me="$(id -u)"
fix_setup="run as root: test/cluster/setup.sh"
failures=0
rows=()
row() { # component status fix/note
  rows+=("$1"$'\t'"$2"$'\t'"$3")
  [[ "$2" == ok ]] || failures=$((failures + 1))
}
# a component only `npm run demo` needs: reported, never a failure of the tests' cluster
optional_row() { # component status fix/note
  if [[ "$2" == ok ]]; then
    rows+=("$1"$'\t'"$2"$'\t'"$3")
  else
    rows+=("$1"$'\t'"absent"$'\t'"optional (only npm run demo uses it): $3")
  fi
}

# packages / binaries
missing=()
for b in "$EDA_DOCKER" dockerd rootlesskit slirp4netns newuidmap newgidmap fuse-overlayfs runc \
  docker-registry debootstrap /bin/busybox skopeo umoci curl "${EDA_SLURM_BIN[@]}"; do
  command -v "$b" >/dev/null 2>&1 || missing+=("$b")
done
if ((${#missing[@]})); then
  row packages MISSING "missing ${missing[*]}; $fix_setup"
else
  row packages ok ""
fi

# runc
if runc_v="$(runc --version 2>/dev/null | head -n1)"; then
  row runc ok "$runc_v"
else
  row runc MISSING "apt-get install runc (or $fix_setup)"
fi

# rootful dockerd
if eda_rootful_answers; then
  row rootful-dockerd ok "$EDA_ROOTFUL_DOCKER_HOST"
elif [[ "$me" != 0 ]] && pid="$(eda_pidfile_alive /var/run/docker.pid)" && [[ -S /var/run/docker.sock ]]; then
  row rootful-dockerd ok "pid $pid alive (socket not accessible to uid $me)"
else
  row rootful-dockerd MISSING "$fix_setup (log $EDA_LOG_DIR/dockerd.log)"
fi

# users with subordinate ids
subid_ok() { # file user
  awk -F: -v u="$2" -v n="$EDA_SUBID_COUNT" '$1 == u && $3 >= n { f = 1 } END { exit !f }' "$1" 2>/dev/null
}
user_row() { # row-function component user fix: the user exists with subordinate id ranges
  local rowfn="$1" name="$2" u="$3" fix="$4"
  if ! getent passwd "$u" >/dev/null; then
    "$rowfn" "$name" MISSING "$fix"
  elif ! subid_ok /etc/subuid "$u" || ! subid_ok /etc/subgid "$u"; then
    "$rowfn" "$name" MISSING "no /etc/subuid or /etc/subgid range of $EDA_SUBID_COUNT; $fix"
  else
    "$rowfn" "$name" ok "uid $(eda_uid "$u")"
  fi
}
for u in "$EDA_USER" "$EDA_USER2" "$EDA_USER3"; do
  user_row row "user-$u" "$u" "$fix_setup"
done

# /dev/net/tun usable by users (rootlesskit/slirp4netns)
if [[ -c /dev/net/tun && "$(stat -c %a /dev/net/tun)" == 666 ]]; then
  row dev-net-tun ok ""
else
  row dev-net-tun MISSING "as root: chmod 666 /dev/net/tun (or $fix_setup)"
fi

# /dev/fuse usable by users (rootless Docker with the fuse-overlayfs storage driver)
if [[ -c /dev/fuse && "$(stat -c %a /dev/fuse)" == 666 ]]; then
  row dev-fuse ok ""
else
  row dev-fuse MISSING "as root: chmod 666 /dev/fuse (or $fix_setup)"
fi

# a user's rootless dockerd: as root or that user, it answers and has `image...` loaded (then the note ends with
# loaded-note); as anyone else, the process in its pidfile is alive
rootless_row() { # row-function component user fix loaded-note image...
  local rowfn="$1" name="$2" u="$3" fix="$4" loaded="$5" uid pid ref missing=()
  shift 5
  uid="$(eda_uid "$u")"
  if [[ -z "$uid" ]]; then
    "$rowfn" "$name" MISSING "user $u missing; $fix"
  elif [[ "$me" == 0 || "$me" == "$uid" ]]; then
    if ! eda_rootless_answers "$u"; then
      "$rowfn" "$name" MISSING "$fix (log $EDA_LOG_DIR/rootless-$u.log)"
    else
      for ref in "$@"; do
        EDA_TIMEOUT=15 eda_rootless_docker "$u" image inspect "$ref" >/dev/null 2>&1 || missing+=("${ref#"$EDA_REGISTRY"/}")
      done
      if ((${#missing[@]})); then
        "$rowfn" "$name" MISSING "images not loaded: ${missing[*]}; $fix"
      else
        "$rowfn" "$name" ok "$(eda_rootless_host "$uid")$loaded"
      fi
    fi
  elif pid="$(eda_pidfile_alive "$(eda_rootless_pidfile "$u")")"; then
    "$rowfn" "$name" ok "pid $pid alive (not checkable as uid $me)"
  else
    "$rowfn" "$name" MISSING "$fix"
  fi
}

# rootless dockerd of the test user (its images are checked with the registry's, below)
rootless_row row rootless-dockerd "$EDA_USER" "$fix_setup" ""
uid="$(eda_uid "$EDA_USER")"
rootless_checkable=0
[[ -n "$uid" && ("$me" == 0 || "$me" == "$uid") ]] && rootless_checkable=1

# demo user (test/cluster/demo-user.sh, run by npm run demo): checked once it exists; the tests do not need it
if getent passwd "$EDA_DEMO_USER" >/dev/null; then
  fix_demo="run as root: test/cluster/demo-user.sh (or npm run demo)"
  user_row optional_row "demo-user-$EDA_DEMO_USER" "$EDA_DEMO_USER" "$fix_demo"
  rootless_row optional_row demo-rootless-dockerd "$EDA_DEMO_USER" "$fix_demo" ", demo images loaded" "${EDA_DEMO_IMAGES[@]}"
fi

# registry
if eda_registry_up; then
  row registry ok "http://$EDA_REGISTRY/v2/"
else
  row registry MISSING "$fix_setup (log $EDA_LOG_DIR/registry.log)"
fi

# test images in the registry and in the rootless daemon
for ref in "${EDA_IMAGES[@]}"; do
  name="image ${ref#"$EDA_REGISTRY"/}"
  if ! eda_registry_has "$ref"; then
    row "$name" MISSING "not in registry; $fix_setup"
  elif ((rootless_checkable)) &&
    ! EDA_TIMEOUT=15 eda_rootless_docker "$EDA_USER" image inspect "$ref" >/dev/null 2>&1; then
    row "$name" MISSING "not loaded in rootless dockerd of $EDA_USER; $fix_setup"
  else
    row "$name" ok ""
  fi
done

# debootstrap cache
if [[ -f "$EDA_DEBIAN_ROOTFS.done" && -d "$EDA_DEBIAN_ROOTFS/etc" ]]; then
  row debootstrap-cache ok "$EDA_DEBIAN_ROOTFS"
else
  row debootstrap-cache MISSING "$fix_setup"
fi

# Slurm: munge, slurmctld, slurmd per node (and its state), oci.conf, runtime shim
eda_slurm_status_rows

# environment file
if [[ -r "$EDA_ENV_FILE" ]]; then
  row env-file ok "$EDA_ENV_FILE"
else
  row env-file MISSING "$fix_setup"
fi

printf '%-32s %-8s %s\n' component status 'how to fix / note'
for r in "${rows[@]}"; do
  IFS=$'\t' read -r c s n <<<"$r"
  printf '%-32s %-8s %s\n' "$c" "$s" "$n"
done
if ((failures)); then
  printf '%d component(s) missing\n' "$failures"
  exit 1
fi
