import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP relay on 127.0.0.1 that holds every chunk for a fixed time in each direction, so a
 * registry on loopback answers like one a network away (a round trip of twice the delay). It
 * delays bytes without limiting their rate: a chunk leaves as soon as its time has come.
 * Usage: java DelayProxy.java TARGET_PORT ONE_WAY_MS; prints its own port, then serves until killed.
 */
public class DelayProxy {
    private record Chunk(long due, byte[] bytes) {
    }

    public static void main(String[] args) throws IOException {
        int target = Integer.parseInt(args[0]);
        long delayNanos = Long.parseLong(args[1]) * 1_000_000L;
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ServerSocket server = new ServerSocket(0, 50, loopback);
        System.out.println(server.getLocalPort());
        System.out.flush();
        while (true) {
            Socket client = server.accept();
            Socket upstream;
            try {
                upstream = new Socket(loopback, target);
            } catch (IOException e) {
                client.close();
                continue;
            }
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            relay(client, upstream, delayNanos);
            relay(upstream, client, delayNanos);
        }
    }

    /** One direction: a reader that stamps chunks and a writer that sends each when due. */
    private static void relay(Socket from, Socket to, long delayNanos) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) > 0) queue.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buf, n)));
            } catch (IOException | InterruptedException ignored) {
                // the connection ended
            }
            queue.add(new Chunk(System.nanoTime() + delayNanos, null));
        });
        daemon(() -> {
            try {
                while (true) {
                    Chunk c = queue.take();
                    long wait = c.due() - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    if (c.bytes() == null) break;
                    out.write(c.bytes());
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException ignored) {
                // the other side went away
            }
        });
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
    }
}
