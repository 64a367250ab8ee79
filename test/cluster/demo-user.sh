#!/usr/bin/env bash
# The demo user of `npm run demo` (run as root after setup.sh; idempotent, ~1 s when done): an ordinary user with its
# own subuid/subgid range (after the test users'), its own rootless dockerd (data-root on local disk) and the images of
# demo/catalog loaded into it. Usage: demo-user.sh [USER]  (default edademo). See README.md.
# demo-user.sh --remove [USER] undoes it: stops the daemon, removes the user, its files and its subordinate id ranges.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=test/cluster/common.sh
source "$here/common.sh"
# shellcheck source=test/cluster/rootless.sh
source "$here/rootless.sh"

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
unset DOCKER_HOST DOCKER_CONTEXT

log() { printf '[demo-user] %s\n' "$*"; }
die() {
  printf '[demo-user] ERROR: %s\n' "$*" >&2
  exit 1
}

remove=0
if [[ "${1:-}" == --remove ]]; then
  remove=1
  shift
fi
user="${1:-$EDA_DEMO_USER}"
[[ "$user" =~ ^[a-z_][a-z0-9_-]{0,30}$ ]] || die "'$user' is not a valid user name (lower-case letters, digits, _ and -)"
[[ "$(id -u)" == 0 ]] || die "must run as root"
case " $EDA_USER $EDA_USER2 $EDA_USER3 " in
  *" $user "*) die "$user is a test user of setup.sh, not a demo user" ;;
esac

if ((remove)); then
  # Stop the daemon, then remove the user, its home, its /var/tmp area (rootless storage: files of its subordinate ids)
  # and its subordinate id ranges.
  eda_rootless_stop "$user"
  if getent passwd "$user" >/dev/null; then
    uid="$(eda_uid "$user")"
    # Zombies do not count (eda_alive): a daemon's exited children wait here for a pid 1 that may reap them late.
    alive=()
    for p in $(pgrep -u "$uid" || true); do
      eda_alive "$p" && alive+=("$p")
    done
    if ((${#alive[@]})); then
      log "processes of $user still running: ${alive[*]} (e.g. Slurm jobs); try again when they ended"
      exit 1
    fi
    userdel --remove "$user" 2>/dev/null || userdel "$user"
    log "removed user $user"
  fi
  rm -rf --one-file-system "/var/tmp/$user" "/run/user/${uid:-none}" "$EDA_LOG_DIR/rootless-$user.log"
  for f in /etc/subuid /etc/subgid; do
    if grep -q "^$user:" "$f" 2>/dev/null; then
      awk -F: -v u="$user" '$1 != u' "$f" >"$f.eda-oci.tmp" && chmod 0644 "$f.eda-oci.tmp" && mv -f "$f.eda-oci.tmp" "$f"
      log "removed $user from $f"
    fi
  done
  exit 0
fi

eda_rootful_answers || die "the rootful dockerd does not answer; run test/cluster/setup.sh first"
for ref in "${EDA_DEMO_IMAGES[@]}"; do
  eda_registry_has "$ref" || die "$ref is not in the registry; run test/cluster/setup.sh first"
done
[[ -c /dev/net/tun && "$(stat -c %a /dev/net/tun)" == 666 ]] || die "/dev/net/tun is not usable; run test/cluster/setup.sh first"

eda_ensure_user "$user"
eda_rootless_ensure "$user"
eda_rootless_load_images "$user" "${EDA_DEMO_IMAGES[@]}"
log "$user (uid $(eda_uid "$user")): rootless dockerd $(eda_rootless_host "$(eda_uid "$user")"), images: ${EDA_DEMO_IMAGES[*]}"
