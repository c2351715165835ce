# Sourced by ./scafctl and scripts/jbang: which JDK a java command belongs to, told without
# starting it (from the release file of the JDK its symbolic links lead to), and with shell
# builtins but for readlink, as it runs on every start.
# jdk_of JAVA sets jdk_home; jdk_version, the JDK's JAVA_RUNTIME_VERSION (empty when it has no
# release file); jdk_major; and jdk_id, the version and the home with _ for /: one per installed
# JDK, for the names of files made for one JDK alone.
jdk_of() {
  jdk_bin=$1
  case $jdk_bin in */*) ;; *) jdk_bin=$(command -v "$jdk_bin" || true) ;; esac
  while [ -L "$jdk_bin" ]; do
    jdk_link=$(readlink "$jdk_bin")
    case $jdk_link in /*) jdk_bin=$jdk_link ;; *) jdk_bin=${jdk_bin%/*}/$jdk_link ;; esac
  done
  jdk_home=${jdk_bin%/bin/java}
  jdk_version=""
  if [ -r "$jdk_home/release" ]; then
    while IFS= read -r jdk_line; do
      case $jdk_line in JAVA_RUNTIME_VERSION=*) jdk_version=${jdk_line#*=\"}; jdk_version=${jdk_version%\"} ;; esac
    done < "$jdk_home/release"
  fi
  jdk_major=${jdk_version%%[!0-9]*}
  jdk_id=$jdk_version
  set -f; jdk_ifs=$IFS; IFS=/
  for jdk_part in $jdk_home; do [ -n "$jdk_part" ] && jdk_id=${jdk_id}_$jdk_part; done
  IFS=$jdk_ifs; set +f
}
