///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.scafctl:scafctl-cli:0.1.0
//JAVA_OPTIONS -XX:+UseSerialGC -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000 -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.SHA2::implCompress0,0.01 -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.DigestBase::implCompressMultiBlock0,0.01 -Xmx64m

// The JBang entry point of scafctl: the same CLI as ./scafctl, and with `jbang --interactive
// scafctl.java` a JShell session with the library (dev.scafctl.Scafctl) on the class path.
// In a checkout, `mvn install -DskipTests` puts the library where JBang finds it.
// The class sits in a package because JShell cannot load a class of the default package.

package dev.scafctl.jbang;

class scafctl {
    public static void main(String... args) {
        dev.scafctl.cli.Main.main(args);
    }
}
