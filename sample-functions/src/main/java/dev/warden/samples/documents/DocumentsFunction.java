package dev.warden.samples.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.warden.lambda.WardenPolicy;
import dev.warden.policy.Mode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Document service behind a Lambda Function URL: {@code GET /?name=report.txt} returns a stored
 * document from the function's document directory; {@code POST /} with an XML document
 * ({@code <document><title>...</title><para>...</para></document>}) returns its title and
 * paragraph count, the metadata a document index would store.
 *
 * <p><b>Deliberately vulnerable</b>, twice:
 * <ul>
 *   <li>path traversal: the name is resolved against the directory without checking that the
 *       result stays inside it, so {@code name=../../../etc/passwd} reads any file the function
 *       can read;</li>
 *   <li>XML external entities (XXE): the upload is parsed with DTDs and external entities switched
 *       ON, so {@code <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><document><title>&x;}
 *       returns a local file as the "title" (OWASP XXE Prevention Cheat Sheet, "Java": these are
 *       exactly the features it says to turn off).</li>
 * </ul>
 * It exists to show the exploits and Warden stopping them. Its policy also refuses reads of the
 * function's own code ({@code protectCode}, with the agent) and every outbound connection.
 */
@WardenPolicy(mode = Mode.BLOCK, protectCode = true, egressAction = "block")
public class DocumentsFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Path root;

  public DocumentsFunction() {
    this(seed());
  }

  public DocumentsFunction(Path root) {
    this.root = root;
  }

  /** A document directory under the temp dir (Lambda's {@code /tmp}) with two documents. */
  static Path seed() {
    try {
      Path dir = Files.createTempDirectory("warden-docs");
      Files.writeString(dir.resolve("report.txt"), "Quarterly report: revenue up 12%.\n");
      Files.writeString(dir.resolve("welcome.md"), "# Welcome\nRead the handbook first.\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the document directory", e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null
        && "POST".equalsIgnoreCase(event.getRequestContext().getHttp().getMethod())) {
      return index(event);
    }
    String name = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("name");
    if (name == null || name.isEmpty()) {
      return response(400, "name is required");
    }
    // VULNERABLE ON PURPOSE: no check that the resolved path stays under root.
    Path file = root.resolve(name);
    try {
      return response(200, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      return response(404, "no such document");
    }
  }

  /** Parses an uploaded XML document and returns its title and paragraph count. */
  private static APIGatewayV2HTTPResponse index(APIGatewayV2HTTPEvent event) {
    String body = event.getBody() == null ? "" : event.getBody();
    if (event.getIsBase64Encoded()) {
      try {
        body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return response(400, "body is not base64");
      }
    }
    try {
      Document doc = parser().parse(new InputSource(new StringReader(body)));
      NodeList titles = doc.getElementsByTagName("title");
      String title = titles.getLength() == 0 ? "" : titles.item(0).getTextContent().trim();
      int paras = doc.getElementsByTagName("para").getLength();
      return response(200, "title: " + title + "\nparagraphs: " + paras + "\n");
    } catch (SAXException | IOException e) {
      return response(400, "not a well-formed document");
    }
  }

  /**
   * VULNERABLE ON PURPOSE: a parser that reads DTDs and resolves external entities. The JDK's
   * defaults already do; the features are set explicitly so the intent is visible.
   */
  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      f.setFeature("http://xml.org/sax/features/external-general-entities", true);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", true);
      f.setExpandEntityReferences(true);
      f.setXIncludeAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler()); // quiet: fatal errors throw, nothing printed
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no XML parser", e);
    }
  }

  private static APIGatewayV2HTTPResponse response(int status, String body) {
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8")).withBody(body).build();
  }
}
