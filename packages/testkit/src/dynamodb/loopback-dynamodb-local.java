import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

// DynamoDB Local's own main (ServerRunner) binds Jetty to every interface and has no option for a host. This
// starts the same server from the same command line, bound to one host (catalog.dynamodb.host, loopback by
// default), and exits when its standard input closes: the Node.js process that started it is gone, even
// after a SIGKILL, so no JVM outlives it. Telemetry stays off: -disableTelemetry is passed, and
// ServerRunner's Telemetry.configureTelemetry, the only thing that would switch it on, is never called.
final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("catalog.dynamodb.host", "127.0.0.1");
    if (!new CommandLineInput(args).init()) return;
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) ((ServerConnector) connector).setHost(host);
    Thread watchdog = new Thread(() -> {
      try { while (System.in.read() != -1) { } } catch (java.io.IOException ignored) { }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    proxy.start();
    System.out.println("DynamoDB Local listening on " + host);
  }
}
