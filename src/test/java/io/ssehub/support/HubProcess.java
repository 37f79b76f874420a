package io.ssehub.support;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hub started from the built jar ({@code target/ssehub.jar}) as a separate JVM, the way users run it: for tests
 * that need several processes (a cluster) or that kill one. Its output is kept for assertions and failure messages.
 */
public final class HubProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^ ]*:(\\d+)/");
  private static final Path JAR = Path.of("target", "ssehub.jar");

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  private HubProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "hub-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a hub on {@code config} (written to a file in {@code dir}); returns at once. */
  public static HubProcess launch(Path dir, String name, JsonObject config) throws IOException {
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, config.encodePrettily());
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar",
        JAR.toAbsolutePath().toString(), file.toString()));
    return new HubProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Starts a hub and waits until it serves. */
  public static HubProcess start(Path dir, String name, JsonObject config) throws Exception {
    HubProcess hub = launch(dir, name, config);
    hub.awaitListening(90);
    return hub;
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // The process is gone; its exit is what the test looks at.
    }
    port.completeExceptionally(new AssertionError("the hub ended before serving:\n" + output));
  }

  /** Waits until the hub serves; returns its HTTP port. */
  public int awaitListening(long seconds) throws Exception {
    try {
      return port.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the hub did not serve within " + seconds + " s:\n" + output, e);
    }
  }

  public int port() {
    return port.join();
  }

  public long pid() {
    return process.pid();
  }

  /** Everything the hub printed so far. */
  public String output() {
    return output.toString();
  }

  /** Waits for the hub to exit by itself; returns its exit status. */
  public int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("the hub did not exit within " + seconds + " s:\n" + output);
    }
    return process.exitValue();
  }

  /** Kills the JVM at once (SIGKILL): no shutdown, no goodbye to the cluster. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops the hub as an operator does (SIGTERM), or kills it when that takes too long. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** Free TCP ports on 127.0.0.1, for cluster members that must know each other's ports in advance. */
  public static int[] freePorts(int count) throws IOException {
    int[] ports = new int[count];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    return ports;
  }
}
