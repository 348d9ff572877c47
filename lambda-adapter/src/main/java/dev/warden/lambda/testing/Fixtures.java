package dev.warden.lambda.testing;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads event fixtures (JSON files on the test class path) into aws-lambda-java-events types with
 * the Lambda runtime's own serializers, so field names and casing are read exactly as in Lambda.
 *
 * <pre>{@code
 * APIGatewayProxyRequestEvent e = Fixtures.load("events/apigw-rest.json", APIGatewayProxyRequestEvent.class);
 * }</pre>
 */
public final class Fixtures {

  private Fixtures() {}

  /** Reads {@code resource} (class-path relative, no leading slash needed) as {@code type}. */
  public static <T> T load(String resource, Class<T> type) {
    return parse(text(resource), type);
  }

  /** Parses event JSON as {@code type}. */
  public static <T> T parse(String json, Class<T> type) {
    ClassLoader cl = type.getClassLoader() != null ? type.getClassLoader() : Fixtures.class.getClassLoader();
    return LambdaEventSerializers.serializerFor(type, cl)
        .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** The raw text of a fixture. */
  public static String text(String resource) {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl == null) {
      cl = Fixtures.class.getClassLoader();
    }
    try (InputStream in = cl.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("fixture not found on the class path: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + name, e);
    }
  }

  /** The raw bytes of a fixture, for stream handlers. */
  public static byte[] bytes(String resource) {
    return text(resource).getBytes(StandardCharsets.UTF_8);
  }
}
