import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.StopFilter;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.analysis.AbstractTokenFilterFactory;
import org.opensearch.index.analysis.AbstractTokenizerFactory;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.index.analysis.TokenizerFactory;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch for tests, `make run SEARCH=engine` and the benchmarks (started by node.py).
 *
 * Usage: java -Xms512m -Xmx512m -cp CLASSPATH EmbeddedOpenSearch HOME HTTP_PORT [LEASE_FILE]
 *
 * The server, Lucene and the modules come from Maven Central (pom.xml); ClasspathNode is a Node that takes its
 * plugins from the class path instead of a plugins folder (what the test framework's MockNode does, without the
 * randomized-testing runner MockNode needs around it): Netty for HTTP, analysis-common for the
 * filters our analysers use, reindex for _reindex and _delete_by_query, and SmartChinese below. Loopback only, single-node discovery, disk thresholds off (a
 * shared build machine's disk may be fuller than a production node's watermark), no security plugin. SIGTERM
 * closes the node. LEASE_FILE lists the ids of the processes using the node, one a line: when none of them is
 * alive any more (a test run killed before it could stop the node), the node stops itself.
 */
public final class EmbeddedOpenSearch {

    /** The names the analysis-smartcn plugin gives a production cluster, backed by the same Lucene classes. */
    public static final class SmartChinese extends Plugin implements AnalysisPlugin {
        @Override
        public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
            return Map.of("smartcn_tokenizer", (indexSettings, environment, name, settings) ->
                new AbstractTokenizerFactory(indexSettings, settings, name) {
                    @Override
                    public Tokenizer create() {
                        return new HMMChineseTokenizer();
                    }
                });
        }

        @Override
        public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
            return Map.of("smartcn_stop", (indexSettings, environment, name, settings) ->
                new AbstractTokenFilterFactory(indexSettings, name, settings) {
                    @Override
                    public TokenStream create(TokenStream stream) {
                        return new StopFilter(stream, SmartChineseAnalyzer.getDefaultStopSet());
                    }
                });
        }
    }

    static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings, List<Class<? extends Plugin>> plugins) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "chohtx-embedded"), plugins, true);
        }
    }

    /** Exits once no process named in the lease file has been alive for ten seconds. */
    static void watchLease(Path lease) {
        Thread watcher = new Thread(() -> {
            long lastSeen = System.nanoTime();
            while (true) {
                try {
                    Thread.sleep(2000);
                    boolean anyAlive = Files.exists(lease) && Files.readAllLines(lease).stream()
                        .map(String::trim).filter(line -> !line.isEmpty())
                        .anyMatch(pid -> ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false));
                    if (anyAlive) {
                        lastSeen = System.nanoTime();
                    } else if (System.nanoTime() - lastSeen > TimeUnit.SECONDS.toNanos(10)) {
                        System.exit(0);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a lease file being rewritten: read it again next time
                }
            }
        }, "lease-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    public static void main(String[] args) throws Exception {
        String home = args[0];
        String httpPort = args[1];
        Settings settings = Settings.builder()
            .put("path.home", home)
            .put("path.data", home + "/data")
            .put("path.logs", home + "/logs")
            .put("cluster.name", "chohtx-embedded")
            .put("node.name", "chohtx-embedded")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", "9400-9499")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", false)
            .put("indices.memory.index_buffer_size", "20%")
            .build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        List<Class<? extends Plugin>> plugins = List.of(
            Netty4Plugin.class, CommonAnalysisPlugin.class, ReindexPlugin.class, SmartChinese.class
        );
        Node node = new ClasspathNode(settings, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the process is ending anyway
            }
            stopped.countDown();
        }));
        node.start();
        if (args.length > 2) {
            watchLease(Path.of(args[2]));
        }
        System.out.println("started http.port=" + httpPort);
        stopped.await();
    }
}
