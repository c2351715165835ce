///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS dev.scafctl:scafctl-dsl:0.1.0
//GROOVY 4.0.30
@groovy.transform.BaseScript dev.scafctl.dsl.ScafctlScript script

// Installs every plugin of a solution for every platform its lock pins, in parallel, verified
// against the lock. For ops teams that prepare caches for several kinds of machine at once.
//
//   scafctl dsl run scripts/install-all-platforms.groovy SOLUTION.yaml [CACHE_DIR]
//   jbang scripts/install-all-platforms.groovy SOLUTION.yaml [CACHE_DIR]
//
// Fails when the solution has no lock (make one with 'scafctl build solution').

if (arguments.isEmpty()) fail('usage: install-all-platforms.groovy SOLUTION.yaml [CACHE_DIR]')
def app = solution arguments[0]
def lockFile = dev.scafctl.plugin.LockFile.readBeside(app.source())
        .orElseThrow { new dev.scafctl.error.InvalidInputException("${arguments[0]} has no lock file",
                "run 'scafctl build solution -f ${arguments[0]}' first") }
def wanted = lockFile.plugins().collectMany { it.platforms().keySet()*.toString() }.unique().sort()
if (wanted.isEmpty()) fail("the lock of ${arguments[0]} pins no platform-specific binaries")
def installed = install(app) {
    platforms wanted
    locked()
    if (arguments.size() > 1) cacheDir arguments[1]
}
installed.each { println "${it.name()}@${it.version()} ${it.platform()} ${it.downloaded() ? 'fetched' : 'cached'} ${it.path()}" }
