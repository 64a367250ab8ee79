# shellcheck shell=bash
# Users with subordinate ids and a rootless dockerd per user, loaded with the registry's test images: the part of
# setup.sh that is done for the test user edaoci and, by demo-user.sh, for the demo user. Sourced after common.sh,
# never executed; defines functions only. The caller defines log MESSAGE and die MESSAGE (setup.sh, demo-user.sh).
# All functions run as root and are idempotent: they check first and act only when needed.

# Next free subordinate id start in FILE: above every range already in the file, at least 100000.
eda_next_subid() {
  awk -F: -v min=100000 'NF >= 3 && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ { e = $2 + $3; if (e > min) min = e }
    END { print min }' "$1"
}

# eda_ensure_subid FILE USER: a range of EDA_SUBID_COUNT ids for USER in FILE (/etc/subuid or /etc/subgid), appended
# after every existing range so it overlaps none.
eda_ensure_subid() {
  local file="$1" user="$2" count
  touch "$file"
  chmod 0644 "$file"
  count="$(awk -F: -v u="$user" '$1 == u && $3 ~ /^[0-9]+$/ { if ($3 > c) c = $3 } END { print c + 0 }' "$file")"
  if ((count < EDA_SUBID_COUNT)); then
    printf '%s:%s:%s\n' "$user" "$(eda_next_subid "$file")" "$EDA_SUBID_COUNT" >>"$file"
    log "added $user to $file"
  fi
}

# eda_ensure_user USER: an ordinary user (bash, home dir, own group) with subordinate uid and gid ranges.
eda_ensure_user() {
  local user="$1"
  if ! getent passwd "$user" >/dev/null; then
    useradd --create-home --shell /bin/bash --user-group "$user"
    log "created user $user"
  fi
  eda_ensure_subid /etc/subuid "$user"
  eda_ensure_subid /etc/subgid "$user"
}

# eda_rootless_stop USER: stops the rootless dockerd of USER that eda_rootless_ensure started (its session), or one
# whose pid file is gone (found via rootlesskit's state dir), and removes its runtime files. Keeps its data-root.
eda_rootless_stop() {
  local user="$1" uid xdg pidfile sid cpid
  uid="$(eda_uid "$user")"
  pidfile="$(eda_rootless_pidfile "$user")"
  if sid="$(eda_pidfile_alive "$pidfile")"; then
    log "stopping rootless dockerd of $user (session $sid)"
    eda_kill_session "$sid"
  fi
  if [[ -n "$uid" ]]; then
    xdg="$(eda_rootless_xdg "$uid")"
    cpid="$(cat "$xdg/dockerd-rootless/child_pid" 2>/dev/null || true)"
    if [[ "$cpid" =~ ^[0-9]+$ ]] && eda_alive "$cpid" &&
      [[ "$(stat -c %u "/proc/$cpid" 2>/dev/null)" == "$uid" ]]; then
      sid="$(ps -o sid= -p "$cpid" | tr -d ' ')"
      if [[ -n "$sid" && "$sid" != 0 ]]; then
        log "stopping leftover rootlesskit of $user (session $sid)"
        eda_kill_session "$sid"
      fi
    fi
    rm -rf "$xdg/dockerd-rootless"
    rm -f "$xdg/docker.pid" "$xdg/docker.sock"
  fi
  rm -f "$pidfile"
}

# eda_rootless_ensure USER: a rootless dockerd of USER answering on /run/user/<uid>/docker.sock, with data-root
# /var/tmp/USER/containers/storage (local disk; ~/.config/docker/daemon.json). Restarted when daemon.json had to change
# or the daemon does not answer. Log: EDA_LOG_DIR/rootless-USER.log.
eda_rootless_ensure() {
  local user="$1" uid home xdg data_root pidfile daemon_json want_json restart=0 i logf
  uid="$(eda_uid "$user")"
  [[ -n "$uid" ]] || die "user $user does not exist"
  home="$(eda_user_home "$user")"
  xdg="$(eda_rootless_xdg "$uid")"
  data_root="$(eda_rootless_data_root "$user")"
  pidfile="$(eda_rootless_pidfile "$user")"
  logf="$EDA_LOG_DIR/rootless-$user.log"
  install -d -m 0755 /run/user
  install -d -o "$user" -g "$user" -m 0700 "$xdg"
  install -d -o "$user" -g "$user" -m 0700 "/var/tmp/$user" "/var/tmp/$user/containers"
  install -d -o "$user" -g "$user" -m 0710 "$data_root"
  install -d -o "$user" -g "$user" -m 0700 "$home/.config" "$home/.config/docker"
  daemon_json="$home/.config/docker/daemon.json"
  want_json="$(printf '{\n  "data-root": "%s"\n}\n' "$data_root")"
  if [[ "$(cat "$daemon_json" 2>/dev/null || true)" != "$want_json" ]]; then
    printf '%s\n' "$want_json" >"$daemon_json"
    chown "$user:$user" "$daemon_json"
    restart=1
  fi
  if ((restart == 0)) && eda_rootless_answers "$user"; then
    log "rootless dockerd for $user answers"
    return 0
  fi
  eda_rootless_stop "$user"
  log "starting rootless dockerd for $user (log $logf)"
  setsid runuser -u "$user" -- env -i -C "$home" \
    XDG_RUNTIME_DIR="$xdg" HOME="$home" USER="$user" LOGNAME="$user" \
    PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    sh /usr/share/docker.io/contrib/dockerd-rootless.sh \
    >>"$logf" 2>&1 </dev/null &
  echo "$!" >"$pidfile"
  for ((i = 0; i < 120; i++)); do
    eda_rootless_answers "$user" && return 0
    if ! eda_alive "$(cat "$pidfile")"; then
      break
    fi
    sleep 0.5
  done
  tail -n 40 "$logf" >&2 || true
  die "rootless dockerd for $user did not come up (see $logf)"
}

# eda_rootless_load_images USER REF...: each image of the rootful daemon that the rootless daemon of USER lacks (by
# image id) is copied into it. Why not a pull: Debian's dockerd-rootless.sh runs rootlesskit with
# --disable-host-loopback, so the rootless daemon cannot reach the registry on the host's 127.0.0.1.
eda_rootless_load_images() {
  local user="$1" ref want have
  shift
  for ref in "$@"; do
    want="$(eda_rootful_docker image inspect --format '{{.Id}}' "$ref")"
    have="$(EDA_TIMEOUT=30 eda_rootless_docker "$user" image inspect --format '{{.Id}}' "$ref" 2>/dev/null || true)"
    if [[ "$want" != "$have" ]]; then
      log "loading $ref into rootless dockerd of $user"
      eda_rootful_docker save "$ref" | eda_rootless_docker "$user" load -q >/dev/null
    fi
  done
}
