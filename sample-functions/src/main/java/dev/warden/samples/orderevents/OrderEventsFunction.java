package dev.warden.samples.orderevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.lambda.WardenPolicy;
import dev.warden.policy.Mode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Order-events consumer behind an Amazon SQS queue, with partial batch responses
 * ({@code FunctionResponseTypes: [ReportBatchItemFailures]}): each message
 * {@code {"orderId":3,"status":"shipped","note":"left at the door"}} updates the order and appends
 * to its history in a real SQL database (H2, in memory, seeded at init). Messages that fail are
 * returned as batch item failures, so SQS retries only those (AWS Lambda Developer Guide,
 * "Handling errors for an SQS event source": {@code batchItemFailures}).
 *
 * <p><b>Deliberately vulnerable</b> (SQL injection from a queue, which no web application firewall
 * sees): the INSERT is built by string concatenation and run as a script, so a note such as
 * {@code x'); UPDATE orders SET status = 'refunded' WHERE customer = 'C-2002'; --} rewrites other
 * customers' orders. It exists to show the exploit and Warden stopping it.
 */
@WardenPolicy(mode = Mode.BLOCK, egressAction = "block")
public class OrderEventsFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection db;

  public OrderEventsFunction() {
    try {
      // One private in-memory database per instance, so tests and the demo never share state.
      db = DriverManager.getConnection("jdbc:h2:mem:order_events" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
      try (Statement s = db.createStatement()) {
        s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(16), status VARCHAR(16))");
        s.execute("INSERT INTO orders VALUES (1, 'C-1001', 'pending'), (2, 'C-1001', 'pending'),"
            + " (3, 'C-2002', 'shipped'), (4, 'C-3003', 'pending')");
        s.execute("CREATE TABLE order_events (seq INT AUTO_INCREMENT PRIMARY KEY, message_id VARCHAR(64),"
            + " order_id INT, status VARCHAR(16), note VARCHAR(256))");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start the order-events database", e);
    }
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    if (event.getRecords() != null) {
      for (SQSEvent.SQSMessage m : event.getRecords()) {
        if (!apply(m)) {
          failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
        }
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private boolean apply(SQSEvent.SQSMessage m) {
    try {
      JsonNode body = JSON.readTree(m.getBody());
      int orderId = body.path("orderId").asInt(-1);
      String status = body.path("status").asText("");
      String note = body.path("note").asText("");
      if (orderId < 0 || status.isEmpty()) {
        return false;
      }
      // VULNERABLE ON PURPOSE: string-concatenated SQL, run as a script (see class comment).
      String sql = "UPDATE orders SET status = '" + status + "' WHERE id = " + orderId + ";"
          + " INSERT INTO order_events (message_id, order_id, status, note) VALUES ('" + m.getMessageId() + "', "
          + orderId + ", '" + status + "', '" + note + "')";
      try (Statement s = db.createStatement()) {
        s.execute(sql);
      }
      return true;
    } catch (IOException | SQLException | RuntimeException e) {
      return false;
    }
  }

  /** The orders table, {@code id:customer:status} per row in id order, for tests and the demo. */
  public List<String> orders() {
    return rows("SELECT id || ':' || customer || ':' || status FROM orders ORDER BY id");
  }

  /** The event history, {@code order_id:status:note} per row in arrival order. */
  public List<String> history() {
    return rows("SELECT order_id || ':' || status || ':' || note FROM order_events ORDER BY seq");
  }

  private List<String> rows(String sql) {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
