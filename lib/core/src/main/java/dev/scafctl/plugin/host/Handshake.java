package dev.scafctl.plugin.host;

import java.util.Set;

/**
 * The one line a go-plugin server prints on stdout once it listens:
 * {@code CORE|APP|NETWORK|ADDRESS|PROTOCOL|SERVER-CERT}, e.g. {@code 1|1|unix|/tmp/plugin123|grpc|}.
 *
 * @param serverCert base64 DER certificate for automatic mutual TLS, empty without it
 */
public record Handshake(int coreProtocol, int appProtocol, String network, String address, String protocol,
                        String serverCert) {

    public static final int CORE_PROTOCOL = 1;

    /**
     * Reads a handshake line; {@code offered} are the app protocol versions the host sent in
     * PLUGIN_PROTOCOL_VERSIONS. Extra fields (go-plugin's multiplexing flag) are ignored.
     *
     * @throws Invalid naming what is wrong with the line
     */
    public static Handshake parse(String line, Set<Integer> offered) {
        String text = line == null ? "" : line.strip();
        String[] parts = text.split("\\|", -1);
        if (text.isEmpty() || parts.length < 4) {
            throw new Invalid("not a go-plugin handshake line (want CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT)");
        }
        int core = number(parts[0], "core protocol");
        if (core != CORE_PROTOCOL) {
            throw new Invalid("speaks go-plugin core protocol " + core + "; this host speaks " + CORE_PROTOCOL);
        }
        int app = number(parts[1], "app protocol");
        if (!offered.contains(app)) {
            throw new Invalid("speaks scafctl plugin protocol " + app + "; this host accepts " + offered);
        }
        String network = parts[2];
        if (!network.equals("unix") && !network.equals("tcp")) {
            throw new Invalid("announced network '" + network + "'; only unix and tcp are known");
        }
        String address = parts[3];
        if (address.isEmpty()) {
            throw new Invalid("announced an empty address");
        }
        // go-plugin reads a missing protocol field as net/rpc, which scafctl does not speak
        String protocol = parts.length > 4 ? parts[4] : "netrpc";
        if (!protocol.equals("grpc")) {
            throw new Invalid("speaks protocol '" + protocol + "'; scafctl supports only grpc");
        }
        String cert = parts.length > 5 ? parts[5] : "";
        return new Handshake(core, app, network, address, protocol, cert);
    }

    private static int number(String field, String what) {
        try {
            return Integer.parseInt(field.strip());
        } catch (NumberFormatException e) {
            throw new Invalid(what + " '" + field + "' is not a number");
        }
    }

    public boolean isUnix() {
        return network.equals("unix");
    }

    /** A handshake line that cannot be used; the message says why, without naming the plugin. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }
}
