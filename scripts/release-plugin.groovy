///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS dev.scafctl:scafctl-dsl:0.1.0
//GROOVY 4.0.30
@groovy.transform.BaseScript dev.scafctl.dsl.ScafctlScript script

// Releases a plugin: stores one binary per platform in the local catalog, pushes the whole index
// to a catalog, pulls every platform's binary back and checks its digest.
//
//   scafctl dsl run scripts/release-plugin.groovy NAME VERSION CATALOG os/arch=BINARY [os/arch=BINARY...]
//
// CATALOG is a configured catalog name or a registry URL (e.g. registry.example.com/team).

if (arguments.size() < 4) fail('usage: release-plugin.groovy NAME VERSION CATALOG os/arch=BINARY...')
def (String pluginName, String pluginVersion, String target) = [arguments[0], arguments[1], arguments[2]]
def builds = arguments.drop(3)

def built = buildPlugin {
    name pluginName
    version pluginVersion
    builds.each { String b ->
        def parts = b.split('=', 2)
        if (parts.length != 2) fail("expected os/arch=BINARY, got '${b}'")
        platform parts[0], parts[1]
    }
    force()
}
println "built ${built.name()}@${built.version()} ${built.digest()}"
def pushed = push "${pluginName}@${pluginVersion}", to: target, force: true
println "pushed ${pushed}"
verifyPublished("${pluginName}@${pluginVersion}", from: target).each {
    println "verified ${it.platform()} ${it.remote()} (${it.bytes()} bytes)"
}
