# JVM options of the launchers, in one place (sourced by bin/torc, bin/torc-server, bench/run).
# Measured on a 2-core VM: C2's compile threads cost more CPU than they save in runs of minutes,
# so the JVMs stop at C1. Override by setting the variables yourself.
: "${TORC_JAVA_OPTS:=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto}"
: "${TORC_SERVER_JAVA_OPTS:=-XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xshare:auto}"
export TORC_JAVA_OPTS TORC_SERVER_JAVA_OPTS
