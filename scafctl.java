///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.scafctl:scafctl-cli:0.1.0
//JAVA_OPTIONS -XX:+UseSerialGC -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000 -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.SHA2::implCompress0,0.01 -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.DigestBase::implCompressMultiBlock0,0.01 -Xmx64m -Xlog:cds=off -Xlog:cds+dynamic=off
//JAVA_OPTIONS -XX:SharedArchiveFile=${user.home}/.cache/scafctl/jbang/scafctl.java-${java.vm.version}.cds -Dscafctl.startup.cache=${user.home}/.cache/scafctl/jbang/scafctl.java-${java.vm.version}.cds -Dscafctl.startup.jdk=${java.home}

// The JBang entry point of scafctl: the same CLI as ./scafctl, and with `jbang --interactive
// scafctl.java` a JShell session with the library (dev.scafctl.Scafctl) on the class path.
// In a checkout, `mvn install -DskipTests` puts the library where JBang finds it.
// The JVM options are the launcher's (keep the two in sync; ./scafctl carries a copy of these
// headers too). The second line hands the JVM its start-up cache, one per JDK, which the CLI
// makes on its first start (dev.scafctl.cli.StartupCache): under ~/.cache because a header's
// ${...} can name no XDG directory (it takes no nested default), and by this script's name
// because each script's class path starts with its own jar, which the cache is made for.
// The class sits in a package because JShell cannot load a class of the default package.

package dev.scafctl.jbang;

class scafctl {
    public static void main(String... args) {
        dev.scafctl.cli.Main.main(args);
    }
}
