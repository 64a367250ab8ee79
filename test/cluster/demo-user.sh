#!/usr/bin/env bash
# The demo user of `npm run demo` (run as root after setup.sh; idempotent, ~1 s when done): an ordinary user with its
# own subuid/subgid range (after the test users'), its own rootless dockerd (data-root on local disk) and the images of
# demo/catalog loaded into it. Usage: demo-user.sh [USER]  (default edademo). See README.md.
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

user="${1:-$EDA_DEMO_USER}"
[[ "$user" =~ ^[a-z_][a-z0-9_-]{0,30}$ ]] || die "'$user' is not a valid user name (lower-case letters, digits, _ and -)"
[[ "$(id -u)" == 0 ]] || die "must run as root"
eda_rootful_answers || die "the rootful dockerd does not answer; run test/cluster/setup.sh first"
for ref in "${EDA_DEMO_IMAGES[@]}"; do
  eda_registry_has "$ref" || die "$ref is not in the registry; run test/cluster/setup.sh first"
done
[[ -c /dev/net/tun && "$(stat -c %a /dev/net/tun)" == 666 ]] || die "/dev/net/tun is not usable; run test/cluster/setup.sh first"

eda_ensure_user "$user"
eda_rootless_ensure "$user"
eda_rootless_load_images "$user" "${EDA_DEMO_IMAGES[@]}"
log "$user (uid $(eda_uid "$user")): rootless dockerd $(eda_rootless_host "$(eda_uid "$user")"), images: ${EDA_DEMO_IMAGES[*]}"
