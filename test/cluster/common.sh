# shellcheck shell=bash disable=SC2034
# (SC2034: the constants are used by the scripts that source this file.)
# Shared constants and helpers for test/cluster/{setup,status,teardown}.sh.
# Sourced, never executed. Contains no side effects at source time.

EDA_DOCKER=/usr/bin/docker            # Debian's client; /usr/local/bin/docker may differ
EDA_REGISTRY=127.0.0.1:5000
EDA_USER=edaoci
EDA_USER2=edaoci2
EDA_USER3=edaoci3 # third user: one bundle built by edaoci runs via Slurm for edaoci2 and edaoci3
EDA_SUBID_COUNT=65536
EDA_LOG_DIR=/var/log/eda-oci
EDA_STATE_DIR=/var/lib/eda-oci
EDA_RUN_DIR=/run/eda-oci
EDA_CACHE_DIR=/var/cache/eda-oci
EDA_ENV_FILE="$EDA_RUN_DIR/cluster.env"
EDA_REGISTRY_CONFIG="$EDA_STATE_DIR/registry-config.yml"
EDA_REGISTRY_STORAGE="$EDA_STATE_DIR/registry"
EDA_REGISTRY_PIDFILE="$EDA_RUN_DIR/registry.pid"
EDA_DOCKERD_PIDFILE="$EDA_RUN_DIR/dockerd.pid"        # written by setup.sh only if it started dockerd
EDA_ROOTLESS_DATA_ROOT="/var/tmp/$EDA_USER/containers/storage"  # eda_rootless_data_root "$EDA_USER"
# The unprivileged user `npm run demo` works as (demo-user.sh): own subuid/subgid range after the test users', own
# rootless dockerd loaded with the images of the demo's catalog. Not used by the tests' users.
EDA_DEMO_USER=edademo
EDA_ROOTFUL_DOCKER_HOST=unix:///var/run/docker.sock
EDA_DEBIAN_ROOTFS="$EDA_CACHE_DIR/debootstrap-bookworm"
# Bump when the content of a seeded image changes: images with another label value are rebuilt.
EDA_SEED_VERSION=2

EDA_IMG_BUSYBOX1="$EDA_REGISTRY/eda-oci/busybox:1"
EDA_IMG_BUSYBOX2="$EDA_REGISTRY/eda-oci/busybox:2"
EDA_IMG_TOOL="$EDA_REGISTRY/eda-oci/tool:1"
EDA_IMG_DEBIAN="$EDA_REGISTRY/eda-oci/debian:bookworm"
EDA_IMG_LAYERED="$EDA_REGISTRY/eda-oci/layered:1"
EDA_IMAGES=("$EDA_IMG_BUSYBOX1" "$EDA_IMG_BUSYBOX2" "$EDA_IMG_TOOL" "$EDA_IMG_DEBIAN" "$EDA_IMG_LAYERED")
EDA_DEMO_IMAGES=("$EDA_IMG_BUSYBOX1" "$EDA_IMG_BUSYBOX2" "$EDA_IMG_TOOL") # what demo/catalog uses (small: no debian)

# Packages setup.sh installs (binary -> package for status.sh hints).
EDA_PACKAGES=(docker.io rootlesskit slirp4netns uidmap fuse-overlayfs runc docker-registry
  debootstrap busybox-static skopeo umoci procps iproute2 util-linux curl ca-certificates
  tar coreutils passwd iptables attr libcap2-bin
  slurmctld slurmd slurm-client munge python3)

# uid of a user, empty if missing
eda_uid() { id -u "$1" 2>/dev/null || true; }

eda_user_home() { getent passwd "$1" | cut -d: -f6; }

eda_rootless_xdg() { printf '/run/user/%s' "$1"; }

eda_rootless_host() { printf 'unix:///run/user/%s/docker.sock' "$1"; }

# pid file of the rootless dockerd setup.sh/demo-user.sh start for user $1 (its session id)
eda_rootless_pidfile() { printf '%s/rootless-%s.pid' "$EDA_RUN_DIR" "$1"; }

# data-root of that daemon (local disk)
eda_rootless_data_root() { printf '/var/tmp/%s/containers/storage' "$1"; }

# pid alive? (via /proc: kill -0 fails with EPERM for other users' processes)
# Zombies count as dead.
eda_alive() {
  local st
  [[ "${1:-}" =~ ^[0-9]+$ ]] || return 1
  st="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  st="${st##*) }"
  [[ -n "$st" && "${st%% *}" != Z ]]
}

# read a pid file, print pid if the process is alive
eda_pidfile_alive() {
  local f="$1" pid
  [[ -r "$f" ]] || return 1
  pid="$(head -n1 "$f" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  eda_alive "$pid" || return 1
  printf '%s\n' "$pid"
}

eda_registry_up() { curl -fsS -m 3 -o /dev/null "http://$EDA_REGISTRY/v2/" 2>/dev/null; }

# eda_registry_has REF (REF = 127.0.0.1:5000/name:tag)
eda_registry_has() {
  local ref="$1" path name tag
  path="${ref#"$EDA_REGISTRY"/}"
  name="${path%:*}"
  tag="${path##*:}"
  curl -fsS -m 5 -o /dev/null -I \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://$EDA_REGISTRY/v2/$name/manifests/$tag" 2>/dev/null
}

# Rootless docker client as the test user (works from root or from that user).
# Usage: eda_rootless_docker USER docker-args...
eda_rootless_docker() {
  local user="$1" uid home
  shift
  uid="$(eda_uid "$user")"
  [[ -n "$uid" ]] || return 1
  home="$(eda_user_home "$user")"
  if [[ "$(id -u)" == "$uid" ]]; then
    env -u DOCKER_CONTEXT XDG_RUNTIME_DIR="$(eda_rootless_xdg "$uid")" DOCKER_HOST="$(eda_rootless_host "$uid")" \
      timeout "${EDA_TIMEOUT:-600}" "$EDA_DOCKER" "$@"
  elif [[ "$(id -u)" == 0 ]]; then
    runuser -u "$user" -- env -C / XDG_RUNTIME_DIR="$(eda_rootless_xdg "$uid")" HOME="$home" \
      DOCKER_HOST="$(eda_rootless_host "$uid")" PATH=/usr/sbin:/usr/bin:/sbin:/bin \
      timeout "${EDA_TIMEOUT:-600}" "$EDA_DOCKER" "$@"
  else
    return 1
  fi
}

eda_rootless_answers() {
  local out
  out="$(EDA_TIMEOUT=15 eda_rootless_docker "$1" info --format '{{.SecurityOptions}}' 2>/dev/null)" || return 1
  [[ "$out" == *rootless* ]]
}

eda_rootful_docker() {
  env -u DOCKER_CONTEXT DOCKER_HOST="$EDA_ROOTFUL_DOCKER_HOST" timeout "${EDA_TIMEOUT:-600}" "$EDA_DOCKER" "$@"
}

eda_rootful_answers() { EDA_TIMEOUT=15 eda_rootful_docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }

# Pids of a session and of all descendants of its members (e.g. containerd, which calls setsid).
eda_session_pids() {
  ps -e -o pid=,ppid=,sid= | awk -v s="$1" '
    { pid[NR] = $1; ppid[NR] = $2; if ($3 == s) keep[$1] = 1 }
    END {
      do { added = 0; for (i = 1; i <= NR; i++) if (!(pid[i] in keep) && (ppid[i] in keep)) { keep[pid[i]] = 1; added = 1 } } while (added)
      for (p in keep) print p
    }'
}

# Kill every process of a session we started (setsid'd daemons: sid == the pid we recorded),
# including descendants that left the session. TERM first, KILL after 20 s.
eda_kill_session() {
  local sid="$1" pids i
  [[ "$sid" =~ ^[0-9]+$ && "$sid" != 0 && "$sid" != 1 ]] || return 0
  mapfile -t pids < <(eda_session_pids "$sid")
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  # wait on this fixed set: descendants get re-parented to pid 1 once their parent exits
  for ((i = 0; i < 100; i++)); do
    local alive=() p
    for p in "${pids[@]}"; do
      eda_alive "$p" && alive+=("$p")
    done
    ((${#alive[@]})) || return 0
    sleep 0.2
  done
  kill -KILL "${alive[@]}" 2>/dev/null || true
}
