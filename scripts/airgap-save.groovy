///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS dev.scafctl:scafctl-dsl:0.1.0
//GROOVY 4.0.30
@groovy.transform.BaseScript dev.scafctl.dsl.ScafctlScript script

// On a connected machine: writes one archive holding a solution and every plugin it locks, for
// every platform, checked against the lock. Carry it across; on the other side run
// airgap-load.groovy. The solution needs a lock (or one is made now, from the catalogs).
//
//   scafctl dsl run scripts/airgap-save.groovy SOLUTION.yaml OUT.tar

if (arguments.size() != 2) fail('usage: airgap-save.groovy SOLUTION.yaml OUT.tar')
saveBundle(arguments[0], arguments[1]).each { println "saved ${it.kind()} ${it.name()}@${it.version()}" }
