# Sourced by ./cloudledger and ./run-tests: picks a JDK >= 21 and exports JAVA_HOME.
# The machine's default java may be older (17), so look at JAVA_HOME, then /usr/lib/jvm,
# then the java on PATH, and say clearly what is missing when there is none.

cloudledger_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

cloudledger_find_jdk() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(cloudledger_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export CLOUDLEDGER_JAVA_MAJOR="$major"
      return 0
    fi
  done
  echo "cloudledger: no JDK >= 21 found (looked at JAVA_HOME, /usr/lib/jvm/*, and the java on PATH)." >&2
  echo "cloudledger: install one (e.g. Temurin 21 or 25) and/or set JAVA_HOME to it." >&2
  return 1
}

cloudledger_maven_opts() { # JDK >= 24 warns on sun.misc.Unsafe use by Maven's own libraries
  if [ "${CLOUDLEDGER_JAVA_MAJOR:-0}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

cloudledger_find_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "cloudledger: Maven (mvn) is not on PATH; install Maven 3.8 or newer." >&2
    return 1
  fi
}
