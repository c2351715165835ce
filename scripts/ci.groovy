///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS dev.scafctl:scafctl-dsl:0.1.0
//GROOVY 4.0.30
@groovy.transform.BaseScript dev.scafctl.dsl.ScafctlScript script

// The CI gate for a solution: installs its plugins exactly as locked (failing when the lock is
// missing or stale), runs it with the given parameters, prints its values as JSON, and fails
// when the lock has drifted from what the catalogs now serve.
//
//   scafctl dsl run scripts/ci.groovy SOLUTION.yaml [key=value...]

if (arguments.isEmpty()) fail('usage: ci.groovy SOLUTION.yaml [key=value...]')
def app = solution arguments[0]
install(app) { locked() }
def values = run(app) {
    arguments.drop(1).each { String kv ->
        def parts = kv.split('=', 2)
        if (parts.length != 2) fail("expected key=value, got '${kv}'")
        param parts[0], parts[1]
    }
}
println json(values)
checkLock(app)
