#!/bin/sh
# A scafctl plugin: this launcher, then a Java archive. Needs Java 17 or later (JAVA_HOME or PATH).
# SIGINT is ignored, as go-plugin plugins do: the host stops its plugins itself on Ctrl-C.
trap '' INT
java=java
[ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ] && java="$JAVA_HOME/bin/java"
exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$0" "$@"
