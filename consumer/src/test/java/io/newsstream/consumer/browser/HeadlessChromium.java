package io.newsstream.consumer.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver HTTP API, with nothing but
 * {@code java.net.http}: no Selenium. One browser session per instance; {@link #close()} ends it
 * and the driver process.
 *
 * <p>{@link #find()} looks for {@code chromium} and {@code chromedriver} (overridable with the
 * system properties {@code newsstream.chromium} and {@code newsstream.chromedriver}); when they are
 * missing and the tests run as root on Debian, it installs them once with {@code apt-get install -y
 * chromium chromium-driver} (disable with {@code -Dnewsstream.browser.install=false}).
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The flags every session starts Chromium with (plus a fresh user data dir). */
    static final List<String> FLAGS =
            List.of(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--window-size=1400,900");

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;
    private final Path userDataDir;

    /** Where the browser and its driver are. */
    record Binaries(Path chromium, Path chromedriver) {}

    /**
     * The installed browser and driver, installing them first when possible; empty with the reason
     * logged when neither works.
     */
    static synchronized Optional<Binaries> find() {
        Optional<Binaries> found = locate();
        if (found.isPresent()
                || !Boolean.parseBoolean(
                        System.getProperty("newsstream.browser.install", "true"))) {
            return found;
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))
                || !"root".equals(System.getProperty("user.name"))) {
            log.warn(
                    "chromium/chromedriver missing and cannot be installed here (needs root and apt-get)");
            return found;
        }
        log.info("Installing Debian's chromium and chromium-driver with apt-get (once)");
        try {
            run(List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"), 600);
            if (locate().isEmpty()) {
                run(List.of("apt-get", "update", "-q"), 300);
                run(List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"), 600);
            }
        } catch (IOException e) {
            log.warn("Installing chromium failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return locate();
    }

    private static Optional<Binaries> locate() {
        Path chromium = Path.of(System.getProperty("newsstream.chromium", "/usr/bin/chromium"));
        Path driver =
                Path.of(System.getProperty("newsstream.chromedriver", "/usr/bin/chromedriver"));
        return Files.isExecutable(chromium) && Files.isExecutable(driver)
                ? Optional.of(new Binaries(chromium, driver))
                : Optional.empty();
    }

    private static void run(List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
    }

    /** Starts chromedriver and opens a browser session. */
    HeadlessChromium(Binaries binaries, Path workDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(workDir);
        this.userDataDir = Files.createTempDirectory(workDir, "chromium-profile-");
        this.driver =
                new ProcessBuilder(
                                binaries.chromedriver().toString(),
                                "--port=" + port,
                                "--allowed-ips=127.0.0.1")
                        .redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("chromedriver.log").toFile())
                        .start();
        this.base = "http://127.0.0.1:" + port;
        try {
            awaitDriver();
            ObjectNode options = JSON.createObjectNode();
            options.put("binary", binaries.chromium().toString());
            ArrayNode args = options.putArray("args");
            FLAGS.forEach(args::add);
            args.add("--user-data-dir=" + userDataDir);
            ObjectNode body = JSON.createObjectNode();
            ObjectNode always = body.putObject("capabilities").putObject("alwaysMatch");
            always.put("browserName", "chrome");
            always.set("goog:chromeOptions", options);
            this.session = call("POST", "/session", body).get("sessionId").asText();
        } catch (Exception e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    private void awaitDriver() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (JSON.readTree(r.body()).path("value").path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !driver.isAlive()) {
                throw new IllegalStateException("chromedriver did not start; see chromedriver.log");
            }
            Thread.sleep(100);
        }
    }

    void navigate(String url) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        call("POST", "/session/" + session + "/url", body);
    }

    /** Runs {@code script} (a function body; {@code arguments[i]} are the args) in the page. */
    JsonNode execute(String script, Object... args) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        ArrayNode a = body.putArray("args");
        for (Object arg : args) {
            a.add(JSON.valueToTree(arg));
        }
        return call("POST", "/session/" + session + "/execute/sync", body);
    }

    /** Polls {@code script} until it returns true, or fails after {@code timeout}. */
    Duration awaitTrue(String what, Duration timeout, String script, Object... args)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            if (execute(script, args).asBoolean(false)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    void screenshot(Path file) throws Exception {
        JsonNode png = call("GET", "/session/" + session + "/screenshot", null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png.asText()));
    }

    private JsonNode call(String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json");
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(r.body()).path("value");
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "WebDriver "
                            + method
                            + " "
                            + path
                            + " failed: "
                            + r.statusCode()
                            + " "
                            + value);
        }
        // Sessions answer {"value": {"sessionId": ...}}; everything else {"value": ...}.
        return value;
    }

    @Override
    public void close() {
        try {
            call("DELETE", "/session/" + session, null);
        } catch (Exception e) {
            log.debug("Ending the browser session failed: {}", e.toString());
        }
        driver.destroy();
        try {
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.destroyForcibly();
        }
    }
}
