package dev.warden.samples.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.lambda.WardenPolicy;
import dev.warden.policy.Mode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders API behind API Gateway (REST): {@code GET /customers/{customerId}/orders?status=shipped}
 * lists one customer's orders from a real SQL database (H2, in memory, seeded at init).
 *
 * <p><b>Deliberately vulnerable</b>: the query is built by string concatenation, so
 * {@code status=' OR '1'='1} returns every customer's orders. It exists to show the exploit and
 * Warden stopping it; never write queries like this.
 */
@WardenPolicy(mode = Mode.BLOCK, egressAction = "block")
public class OrdersFunction implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection db;

  public OrdersFunction() {
    try {
      // One private in-memory database per instance, so tests and the demo never share state.
      db = DriverManager.getConnection("jdbc:h2:mem:orders" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
      seed(db);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start the orders database", e);
    }
  }

  static void seed(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(16), item VARCHAR(64), status VARCHAR(16), total DECIMAL(10,2))");
      s.execute("INSERT INTO orders VALUES (1, 'C-1001', 'Espresso machine', 'shipped', 249.00),"
          + " (2, 'C-1001', 'Coffee beans 1kg', 'pending', 18.50),"
          + " (3, 'C-2002', 'Noise-cancelling headphones', 'shipped', 329.99),"
          + " (4, 'C-3003', 'Standing desk', 'shipped', 540.00),"
          + " (5, 'C-3003', 'Monitor arm', 'cancelled', 89.90)");
    }
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String customer = event.getPathParameters() == null ? "" : event.getPathParameters().getOrDefault("customerId", "");
    String status = event.getQueryStringParameters() == null ? "shipped"
        : event.getQueryStringParameters().getOrDefault("status", "shipped");
    // VULNERABLE ON PURPOSE: string-concatenated SQL (see class comment).
    String sql = "SELECT id, customer, item, status, total FROM orders WHERE customer = '" + customer
        + "' AND status = '" + status + "' ORDER BY id";
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getInt(1));
        row.put("customer", rs.getString(2));
        row.put("item", rs.getString(3));
        row.put("status", rs.getString(4));
        row.put("total", rs.getBigDecimal(5));
        rows.add(row);
      }
    } catch (SQLException e) {
      return response(500, Map.of("message", "query failed"));
    }
    return response(200, Map.of("orders", rows));
  }

  private static APIGatewayProxyResponseEvent response(int status, Object body) {
    try {
      return new APIGatewayProxyResponseEvent().withStatusCode(status)
          .withHeaders(Map.of("Content-Type", "application/json")).withBody(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
