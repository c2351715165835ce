/** Prints a free TCP port on 127.0.0.1. */
public class FreePort {
    public static void main(String[] args) throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            System.out.println(s.getLocalPort());
        }
    }
}
