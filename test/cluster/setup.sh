#!/usr/bin/env bash
# Idempotent set-up of the local test "cluster" on a Debian 12 machine (run as root).
# Installs packages, starts rootful dockerd, a rootless dockerd for the test user, a local
# registry on 127.0.0.1:5000, seeds test images without internet and writes
# /run/eda-oci/cluster.env. Quick when everything is already up. See README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=test/cluster/common.sh
source "$here/common.sh"
# shellcheck source=test/cluster/rootless.sh
source "$here/rootless.sh"

export DEBIAN_FRONTEND=noninteractive
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
unset DOCKER_HOST DOCKER_CONTEXT

if [[ "$(id -u)" != 0 ]]; then
  echo "setup.sh: must run as root" >&2
  exit 1
fi

log() { printf '[setup] %s\n' "$*"; }
die() {
  printf '[setup] ERROR: %s\n' "$*" >&2
  exit 1
}

timings=()
phase_name=''
phase_start=''
phase() {
  phase_end
  phase_name="$1"
  phase_start="$EPOCHREALTIME"
  log "== $phase_name"
}
phase_end() {
  if [[ -n "$phase_name" ]]; then
    timings+=("$(awk -v a="$phase_start" -v b="$EPOCHREALTIME" -v n="$phase_name" \
      'BEGIN { printf "%-22s %6.2f s", n, b - a }')")
  fi
  phase_name=''
}
total_start="$EPOCHREALTIME"

workdir=''
cleanup() {
  if [[ -n "$workdir" && -d "$workdir" ]]; then
    rm -rf --one-file-system "$workdir"
  fi
}
trap cleanup EXIT

mkdir -p "$EDA_LOG_DIR" "$EDA_STATE_DIR" "$EDA_CACHE_DIR"
install -d -m 0755 "$EDA_RUN_DIR"

# ---------------------------------------------------------------------------
phase packages
missing=()
for p in "${EDA_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "installing: ${missing[*]}"
  apt-get update -qq >"$EDA_LOG_DIR/apt.log" 2>&1 || die "apt-get update failed, see $EDA_LOG_DIR/apt.log"
  apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" >>"$EDA_LOG_DIR/apt.log" 2>&1 ||
    die "apt-get install failed, see $EDA_LOG_DIR/apt.log"
else
  log "all packages present"
fi

# ---------------------------------------------------------------------------
phase rootful-dockerd
start_rootful() {
  local pid i
  # A dockerd that exists but does not answer: give it a moment (it may be starting), then stop it.
  pid="$(eda_pidfile_alive /var/run/docker.pid || true)"
  if [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]]; then
    for ((i = 0; i < 10; i++)); do
      eda_rootful_answers && return 0
      sleep 1
    done
    log "dockerd pid $pid does not answer: stopping it"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do eda_alive "$pid" || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f /var/run/docker.pid "$EDA_DOCKERD_PIDFILE"
  [[ -S /var/run/docker.sock ]] && rm -f /var/run/docker.sock
  log "starting dockerd (log $EDA_LOG_DIR/dockerd.log)"
  (cd / && exec setsid dockerd >>"$EDA_LOG_DIR/dockerd.log" 2>&1 </dev/null) &
  echo "$!" >"$EDA_DOCKERD_PIDFILE"
  for ((i = 0; i < 60; i++)); do
    eda_rootful_answers && return 0
    sleep 0.5
  done
  tail -n 30 "$EDA_LOG_DIR/dockerd.log" >&2 || true
  die "dockerd did not answer within 30 s"
}
if eda_rootful_answers; then
  log "dockerd answers"
else
  start_rootful
fi

# ---------------------------------------------------------------------------
phase users
for u in "$EDA_USER" "$EDA_USER2" "$EDA_USER3"; do
  eda_ensure_user "$u"
done
if [[ ! -c /dev/net/tun ]]; then
  mkdir -p /dev/net
  rm -f /dev/net/tun
  mknod /dev/net/tun c 10 200
fi
chmod 0666 /dev/net/tun
# Rootless Docker with the fuse-overlayfs storage driver (kernels before 5.11; tested with a daemon the tests start)
# mounts through /dev/fuse, which is 0600 root here.
if [[ ! -c /dev/fuse ]]; then
  mknod /dev/fuse c 10 229
fi
chmod 0666 /dev/fuse
uid="$(eda_uid "$EDA_USER")"
uid2="$(eda_uid "$EDA_USER2")"
uid3="$(eda_uid "$EDA_USER3")"
home="$(eda_user_home "$EDA_USER")"
xdg="$(eda_rootless_xdg "$uid")"
rootless_host="$(eda_rootless_host "$uid")"

# ---------------------------------------------------------------------------
phase rootless-dockerd
eda_rootless_ensure "$EDA_USER"

# ---------------------------------------------------------------------------
phase registry
mkdir -p "$EDA_REGISTRY_STORAGE"
cat >"$EDA_REGISTRY_CONFIG.tmp" <<EOF
version: 0.1
log:
  level: warn
  fields:
    service: eda-oci-registry
storage:
  filesystem:
    rootdirectory: $EDA_REGISTRY_STORAGE
  delete:
    enabled: true
http:
  addr: $EDA_REGISTRY
EOF
if cmp -s "$EDA_REGISTRY_CONFIG.tmp" "$EDA_REGISTRY_CONFIG"; then
  rm -f "$EDA_REGISTRY_CONFIG.tmp"
  registry_restart=0
else
  mv -f "$EDA_REGISTRY_CONFIG.tmp" "$EDA_REGISTRY_CONFIG"
  registry_restart=1
fi
start_registry() {
  local pid i
  pid="$(eda_pidfile_alive "$EDA_REGISTRY_PIDFILE" || true)"
  [[ -n "$pid" ]] && eda_kill_session "$pid"
  rm -f "$EDA_REGISTRY_PIDFILE"
  log "starting registry on $EDA_REGISTRY (log $EDA_LOG_DIR/registry.log)"
  (cd / && exec setsid docker-registry serve "$EDA_REGISTRY_CONFIG" >>"$EDA_LOG_DIR/registry.log" 2>&1 </dev/null) &
  echo "$!" >"$EDA_REGISTRY_PIDFILE"
  for ((i = 0; i < 60; i++)); do
    eda_registry_up && return 0
    sleep 0.5
  done
  tail -n 20 "$EDA_LOG_DIR/registry.log" >&2 || true
  ss -ltnp "sport = :${EDA_REGISTRY##*:}" >&2 || true
  die "registry did not answer on $EDA_REGISTRY within 30 s (port taken by another registry, e.g. Debian's docker-registry service?)"
}
if ((registry_restart == 0)) && eda_registry_up; then
  log "registry answers"
else
  start_registry
fi

# ---------------------------------------------------------------------------
phase debootstrap-cache
debian_rebuilt=0
# Unmount anything left mounted below $1 (a failed debootstrap may leave proc/sys), then remove it.
safe_rm() {
  local dir="$1" m
  [[ -e "$dir" ]] || return 0
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  rm -rf --one-file-system "$dir"
}
debian_mirror() {
  local m=''
  shopt -s nullglob
  # deb822 sources: URIs line of a stanza whose Suites contain exactly "bookworm"
  m="$(awk 'BEGIN { IGNORECASE = 1 }
      /^[ \t]*$/ { if (u != "" && s) { print u; exit } u = ""; s = 0; next }
      /^URIs:/ { u = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") s = 1 }
      END { if (u != "" && s) print u }' /etc/apt/sources.list.d/*.sources /dev/null 2>/dev/null | head -n1)"
  if [[ -z "$m" ]]; then
    m="$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/) { if ($(i + 1) == "bookworm") { print $i; exit } break } }' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list /dev/null 2>/dev/null | head -n1)"
  fi
  shopt -u nullglob
  printf '%s\n' "${m:-http://deb.debian.org/debian}"
}
if [[ -f "$EDA_DEBIAN_ROOTFS.done" && -x "$EDA_DEBIAN_ROOTFS/bin/bash" ]]; then
  log "debootstrap cache present: $EDA_DEBIAN_ROOTFS"
else
  mirror="$(debian_mirror)"
  log "debootstrap bookworm from $mirror (log $EDA_LOG_DIR/debootstrap.log)"
  rm -f "$EDA_DEBIAN_ROOTFS.done"
  safe_rm "$EDA_DEBIAN_ROOTFS.tmp"
  safe_rm "$EDA_DEBIAN_ROOTFS"
  if ! debootstrap --variant=minbase bookworm "$EDA_DEBIAN_ROOTFS.tmp" "$mirror" \
    >"$EDA_LOG_DIR/debootstrap.log" 2>&1; then
    tail -n 20 "$EDA_LOG_DIR/debootstrap.log" >&2 || true
    safe_rm "$EDA_DEBIAN_ROOTFS.tmp"
    die "debootstrap failed"
  fi
  safe_rm "$EDA_DEBIAN_ROOTFS.tmp/proc"
  mkdir -p "$EDA_DEBIAN_ROOTFS.tmp/proc"
  mv "$EDA_DEBIAN_ROOTFS.tmp" "$EDA_DEBIAN_ROOTFS"
  touch "$EDA_DEBIAN_ROOTFS.done"
  debian_rebuilt=1
fi

# ---------------------------------------------------------------------------
phase seed-images
workdir="$(mktemp -d /var/tmp/eda-oci-seed.XXXXXX)"

# Deterministic tar of a root dir (sorted, numeric owners, fixed mtime unless $2 = keep-mtime).
tar_root() {
  local dir="$1" mode="${2:-}"
  local args=(--sort=name --numeric-owner -C "$dir" -c .)
  [[ "$mode" == keep-mtime ]] || args=(--mtime=@1704067200 "${args[@]}")
  tar "${args[@]}"
}

busybox_root() {
  local d="$1" release="$2" a
  mkdir -p "$d"/{bin,dev,etc,proc,root,sys,tmp,usr/bin,var}
  chmod 1777 "$d/tmp"
  chmod 0700 "$d/root"
  install -m 0755 /bin/busybox "$d/bin/busybox"
  while read -r a; do
    [[ -n "$a" && "$a" != busybox && "$a" != */* ]] || continue
    [[ -e "$d/bin/$a" || -L "$d/bin/$a" ]] || ln -s busybox "$d/bin/$a"
  done < <(/bin/busybox --list)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$d/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$d/etc/group"
  printf '%s\n' "$release" >"$d/etc/eda-oci-release"
  chmod 0644 "$d/etc/passwd" "$d/etc/group" "$d/etc/eda-oci-release"
}

tool_root() {
  local d="$1"
  busybox_root "$d" 1
  printf 'eda:x:1000:1000:eda:/home/eda:/bin/sh\n' >>"$d/etc/passwd"
  printf 'eda:x:1000:\ntools:x:1001:eda\n' >>"$d/etc/group"
  mkdir -p "$d/opt/tool/bin" "$d/opt/tool/share" "$d/usr/local/bin" "$d/home/eda" "$d/work"
  chown 1000:1000 "$d/home/eda" "$d/work"
  cat >"$d/opt/tool/bin/tool" <<'EOF'
#!/bin/sh
# eda-oci test tool: prints who/where it runs.
echo "tool 1.0 user=$(id -u) cwd=$(pwd) home=$TOOL_HOME"
if [ "$#" -gt 0 ] && [ "$1" != --version ]; then
  echo "args: $*"
fi
EOF
  chmod 0755 "$d/opt/tool/bin/tool"
  cat >"$d/opt/tool/bin/suid-helper" <<'EOF'
#!/bin/sh
echo "suid-helper euid=$(id -u)"
EOF
  chmod 4755 "$d/opt/tool/bin/suid-helper"
  printf 'shared data of tool 1.0\n' >"$d/opt/tool/share/data.txt"
  chmod 0444 "$d/opt/tool/share/data.txt"
  chmod 0555 "$d/opt/tool/share"
  mkfifo -m 0644 "$d/opt/tool/fifo"
}

local_label() {
  EDA_TIMEOUT=30 eda_rootful_docker image inspect --format '{{index .Config.Labels "org.eda-oci.seed"}}' "$1" 2>/dev/null || true
}

# import_image REF ROOTDIR TAR-MODE CHANGES...
import_image() {
  local ref="$1" dir="$2" mode="$3"
  shift 3
  local changes=() c
  for c in "$@" "LABEL org.eda-oci.seed=$EDA_SEED_VERSION"; do
    changes+=(-c "$c")
  done
  tar_root "$dir" "$mode" | eda_rootful_docker import "${changes[@]}" - "$ref" >/dev/null
}

# ensure_image REF BUILD-FN: local (rootful) image with the current seed label, pushed to the registry.
ensure_image() {
  local ref="$1" build="$2" force="${3:-0}" reg_ok=0 local_ok=0
  eda_registry_has "$ref" && reg_ok=1
  [[ "$(local_label "$ref")" == "$EDA_SEED_VERSION" ]] && local_ok=1
  if ((force)); then
    reg_ok=0
    local_ok=0
  fi
  if ((reg_ok && !local_ok)); then
    eda_rootful_docker pull -q "$ref" >/dev/null 2>&1 || true
    [[ "$(local_label "$ref")" == "$EDA_SEED_VERSION" ]] && local_ok=1
  fi
  if ((!local_ok)); then
    log "building $ref"
    "$build" "$ref"
    reg_ok=0
  fi
  if ((!reg_ok)); then
    log "pushing $ref"
    eda_rootful_docker push -q "$ref" >/dev/null
  fi
}

build_busybox1() {
  rm -rf "$workdir/busybox"
  busybox_root "$workdir/busybox" 1
  import_image "$1" "$workdir/busybox" fixed 'CMD ["/bin/sh"]'
}
build_busybox2() {
  rm -rf "$workdir/busybox"
  busybox_root "$workdir/busybox" 2
  import_image "$1" "$workdir/busybox" fixed 'CMD ["/bin/sh"]'
}
build_tool() {
  rm -rf "$workdir/tool"
  tool_root "$workdir/tool"
  import_image "$1" "$workdir/tool" fixed \
    'ENV PATH=/opt/tool/bin:/usr/local/bin:/usr/bin:/bin' \
    'ENV TOOL_HOME=/opt/tool' \
    'WORKDIR /work' \
    'USER eda' \
    'ENTRYPOINT ["/opt/tool/bin/tool"]' \
    'CMD ["--version"]'
}
build_debian() {
  import_image "$1" "$EDA_DEBIAN_ROOTFS" keep-mtime 'CMD ["/bin/bash"]'
}

ensure_image "$EDA_IMG_BUSYBOX1" build_busybox1
ensure_image "$EDA_IMG_BUSYBOX2" build_busybox2
ensure_image "$EDA_IMG_TOOL" build_tool
# A multi-layer image built by the daemon itself (classic builder, no network): a whiteout (a deleted file), an opaque
# directory (deleted and re-created), a hard link and a 0555 directory in an upper layer, and a 0600 file of uid 1000
# (in a rootless daemon's storage that file belongs to a subordinate uid, so the user cannot read the layer directly).
build_layered() {
  local ctx="$workdir/layered"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  cat >"$ctx/Dockerfile" <<EOF
FROM $EDA_IMG_BUSYBOX1
RUN mkdir -p /opt/d/sub && echo a >/opt/d/a && echo b >/opt/d/sub/b && echo keep >/opt/keep && ln /opt/keep /opt/keep-link
RUN rm /etc/eda-oci-release && rm -rf /opt/d && mkdir /opt/d && echo c >/opt/d/c && chmod 0555 /opt/d
RUN echo private >/opt/private && chown 1000:1000 /opt/private && chmod 0600 /opt/private
LABEL org.eda-oci.seed=$EDA_SEED_VERSION
EOF
  DOCKER_BUILDKIT=0 eda_rootful_docker build -q --network none -t "$1" "$ctx" >/dev/null
}

ensure_image "$EDA_IMG_DEBIAN" build_debian "$debian_rebuilt"
ensure_image "$EDA_IMG_LAYERED" build_layered

# ---------------------------------------------------------------------------
phase rootless-images
eda_rootless_load_images "$EDA_USER" "${EDA_IMAGES[@]}"

# ---------------------------------------------------------------------------
phase demo-user
# A machine where `npm run demo` ran before keeps its demo user (demo-user.sh) but, after a reboot or on a machine
# image, not its rootless dockerd: bring it back too, so status.sh reports the whole machine up. The tests do not use
# it, so a failure here is a warning (the demo runs demo-user.sh itself and says what is wrong). demo-user.sh checks
# first and only acts if needed (~0.4 s when all is up).
if getent passwd "$EDA_DEMO_USER" >/dev/null; then
  bash "$here/demo-user.sh" "$EDA_DEMO_USER" ||
    log "WARNING: test/cluster/demo-user.sh failed (log $EDA_LOG_DIR/rootless-$EDA_DEMO_USER.log); the tests go on without it, npm run demo retries"
fi

# ---------------------------------------------------------------------------
phase slurm
# munge, slurmctld, slurmd n1..n3, oci.conf from the committed CLI, the runtime shim (test/cluster/slurm.sh).
# shellcheck source=test/cluster/slurm.sh
source "$here/slurm.sh"
eda_slurm_setup

# ---------------------------------------------------------------------------
phase env-file
digest() { eda_rootful_docker image inspect --format '{{index .RepoDigests 0}}' "$1"; }
{
  printf 'EDA_OCI_TEST_REGISTRY=%s\n' "$EDA_REGISTRY"
  printf 'EDA_OCI_TEST_USER=%s\n' "$EDA_USER"
  printf 'EDA_OCI_TEST_USER2=%s\n' "$EDA_USER2"
  printf 'EDA_OCI_TEST_UID=%s\n' "$uid"
  printf 'EDA_OCI_TEST_UID2=%s\n' "$uid2"
  printf 'EDA_OCI_TEST_USER3=%s\n' "$EDA_USER3"
  printf 'EDA_OCI_TEST_UID3=%s\n' "$uid3"
  printf 'EDA_OCI_TEST_HOME=%s\n' "$home"
  printf 'EDA_OCI_TEST_XDG_RUNTIME_DIR=%s\n' "$xdg"
  printf 'EDA_OCI_ROOTLESS_DOCKER_HOST=%s\n' "$rootless_host"
  printf 'EDA_OCI_ROOTLESS_DATA_ROOT=%s\n' "$EDA_ROOTLESS_DATA_ROOT"
  printf 'EDA_OCI_ROOTFUL_DOCKER_HOST=%s\n' "$EDA_ROOTFUL_DOCKER_HOST"
  printf 'EDA_OCI_DOCKER=%s\n' "$EDA_DOCKER"
  printf 'EDA_OCI_RUNC=%s\n' "$(command -v runc)"
  printf 'EDA_OCI_IMG_BUSYBOX1=%s\n' "$EDA_IMG_BUSYBOX1"
  printf 'EDA_OCI_IMG_BUSYBOX2=%s\n' "$EDA_IMG_BUSYBOX2"
  printf 'EDA_OCI_IMG_TOOL=%s\n' "$EDA_IMG_TOOL"
  printf 'EDA_OCI_IMG_DEBIAN=%s\n' "$EDA_IMG_DEBIAN"
  printf 'EDA_OCI_IMG_LAYERED=%s\n' "$EDA_IMG_LAYERED"
  printf 'EDA_OCI_IMG_BUSYBOX1_DIGEST=%s\n' "$(digest "$EDA_IMG_BUSYBOX1")"
  printf 'EDA_OCI_IMG_BUSYBOX2_DIGEST=%s\n' "$(digest "$EDA_IMG_BUSYBOX2")"
  printf 'EDA_OCI_IMG_TOOL_DIGEST=%s\n' "$(digest "$EDA_IMG_TOOL")"
  printf 'EDA_OCI_IMG_DEBIAN_DIGEST=%s\n' "$(digest "$EDA_IMG_DEBIAN")"
  printf 'EDA_OCI_DEBIAN_ROOTFS=%s\n' "$EDA_DEBIAN_ROOTFS"
  printf 'EDA_OCI_LOG_DIR=%s\n' "$EDA_LOG_DIR"
  eda_slurm_env
} >"$EDA_ENV_FILE.tmp"
chmod 0644 "$EDA_ENV_FILE.tmp"
mv -f "$EDA_ENV_FILE.tmp" "$EDA_ENV_FILE"
phase_end

# ---------------------------------------------------------------------------
echo
echo "Timings:"
printf '  %s\n' "${timings[@]}"
awk -v a="$total_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "  %-22s %6.2f s\n", "total", b - a }'
echo
echo "Environment file: $EDA_ENV_FILE"
bash "$here/status.sh"
