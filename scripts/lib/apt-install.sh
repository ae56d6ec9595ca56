# Sourced by the install scripts: apt_install_missing LABEL PACKAGE... installs the Debian packages that are not
# installed yet (nothing when all are), with sudo when not root. Idempotent.
apt_install_missing() {
  local label="$1"
  shift
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done

  if [ ${#missing[@]} -eq 0 ]; then
    echo "$label: all present"
    return 0
  fi

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "$label missing (${missing[*]}); run this script as root" >&2
      return 1
    fi
  fi

  echo "$label: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
