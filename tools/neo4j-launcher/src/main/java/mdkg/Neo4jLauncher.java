package mdkg;

import static org.neo4j.configuration.GraphDatabaseSettings.DEFAULT_DATABASE_NAME;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnector.EncryptionLevel;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * A throwaway Neo4j 5 Community server for tests: the embedded DBMS with Bolt on 127.0.0.1.
 *
 * <p>Usage: {@code Neo4jLauncher --port N --dir PATH [--pagecache-mb N] [--tx-memory-mb N]} (defaults
 * 64 and 192: a small test server; benchmarks give it more). Prints {@code NEO4J_READY bolt://127.0.0.1:N}
 * once the default database is available, then serves until stdin reaches EOF or the JVM gets
 * SIGTERM. The parent process owns the lifetime, so a test runner that dies closes our stdin and
 * the server follows it. Errors go to stderr with a non-zero exit; stdout carries only the READY
 * line.
 */
public final class Neo4jLauncher {
    static final String READY_PREFIX = "NEO4J_READY ";
    private static final String HOST = "127.0.0.1";
    private static final long AVAILABLE_TIMEOUT_SECONDS = 120;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILED = 1;

    private Neo4jLauncher() {}

    record Options(int port, Path dir, int pagecacheMb, int txMemoryMb) {}

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-launcher: " + e.getMessage());
            System.err.println("usage: Neo4jLauncher --port N --dir PATH [--pagecache-mb N] [--tx-memory-mb N]");
            System.exit(EXIT_USAGE);
            return;
        }
        try {
            run(options);
        } catch (Exception e) {
            System.err.println("neo4j-launcher: failed: " + e);
            e.printStackTrace(System.err);
            System.exit(EXIT_FAILED);
        }
    }

    static Options parse(String[] args) {
        Integer port = null;
        Path dir = null;
        int pagecacheMb = 64;
        int txMemoryMb = 192;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = parsePort(value);
                case "--dir" -> dir = Path.of(value).toAbsolutePath();
                case "--pagecache-mb" -> pagecacheMb = parseSize(flag, value);
                case "--tx-memory-mb" -> txMemoryMb = parseSize(flag, value);
                default -> throw new IllegalArgumentException("unknown argument " + flag);
            }
        }
        if (port == null || dir == null) {
            throw new IllegalArgumentException("both --port and --dir are required");
        }
        return new Options(port, dir, pagecacheMb, txMemoryMb);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: " + value);
        }
    }

    private static int parseSize(String flag, String value) {
        try {
            int size = Integer.parseInt(value);
            if (size < 8) {
                throw new IllegalArgumentException(flag + " must be at least 8: " + value);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " is not a number: " + value);
        }
    }

    private static void run(Options options) throws IOException {
        DatabaseManagementService dbms = build(options);
        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                dbms.shutdown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-launcher-shutdown"));

        GraphDatabaseService db = dbms.database(DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.SECONDS.toMillis(AVAILABLE_TIMEOUT_SECONDS))) {
            throw new IllegalStateException(
                    "database '" + DEFAULT_DATABASE_NAME + "' not available after " + AVAILABLE_TIMEOUT_SECONDS + "s");
        }
        System.out.println(READY_PREFIX + "bolt://" + HOST + ":" + options.port());
        System.out.flush();

        drain(System.in);
        stop.run();
        // Exit explicitly so that no lingering non-daemon thread can keep the JVM alive.
        System.exit(0);
    }

    private static DatabaseManagementService build(Options options) {
        return new DatabaseManagementServiceBuilder(options.dir())
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(options.pagecacheMb()))
                .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(64))
                // Test databases are small and short-lived: don't reserve disk up front.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // The project's read-only Cypher: LOAD CSV may not read the server's files, and no
                // transaction runs longer or takes more memory than these caps, whoever sends it.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(120))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(options.txMemoryMb()))
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(options.txMemoryMb() * 5L / 3))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, options.port()))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, options.port()))
                .setConfig(BoltConnector.encryption_level, EncryptionLevel.DISABLED)
                // Netty's default graceful shutdown idles 2 x 5 s; a test server has nothing to drain.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .build();
    }

    /** Blocks until the stream reaches EOF (the parent closed our stdin or exited). */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
            // Input is ignored; only its end matters.
        }
    }
}
