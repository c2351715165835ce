# Sourced by ./scafctl and scripts/jbang: which JDK a java command belongs to, told without
# starting it (from the release file of the JDK its symbolic links lead to).
# jdk_of JAVA sets jdk_home; jdk_version, the JDK's JAVA_RUNTIME_VERSION (empty when it has no
# release file); jdk_major; and jdk_id, the version and a checksum of the home: one per
# installed JDK, for the names of files made for one JDK alone.
jdk_of() {
  jdk_bin=$(command -v "$1" || true)
  while [ -L "$jdk_bin" ]; do
    jdk_link=$(readlink "$jdk_bin")
    case $jdk_link in /*) jdk_bin=$jdk_link ;; *) jdk_bin=${jdk_bin%/*}/$jdk_link ;; esac
  done
  jdk_home=${jdk_bin%/bin/java}
  jdk_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$jdk_home/release" 2>/dev/null || true)
  jdk_major=${jdk_version%%[!0-9]*}
  jdk_sum=$(printf '%s' "$jdk_home" | cksum)
  jdk_id=$jdk_version-${jdk_sum%% *}
}
