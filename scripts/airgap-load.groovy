///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS dev.scafctl:scafctl-dsl:0.1.0
//GROOVY 4.0.30
@groovy.transform.BaseScript dev.scafctl.dsl.ScafctlScript script

// On the air-gapped machine: loads an archive made by airgap-save.groovy into the local catalog
// (every blob's digest is verified, and no entry may leave the catalog directory), then runs the
// solution from it. No registry is needed: plugins come from the local catalog.
//
//   scafctl dsl run scripts/airgap-load.groovy IN.tar [key=value...]

if (arguments.isEmpty()) fail('usage: airgap-load.groovy IN.tar [key=value...]')
def loaded = loadArchive(arguments[0])
loaded.each { println "loaded ${it.kind()} ${it.name()}@${it.version()}" }
def sol = loaded.find { it.kind().id() == 'solution' }
if (sol == null) fail("${arguments[0]} holds no solution")
def values = run(catalogSolution("${sol.name()}@${sol.version()}")) {
    arguments.drop(1).each { String kv ->
        def parts = kv.split('=', 2)
        param parts[0], parts.length > 1 ? parts[1] : ''
    }
}
println json(values)
