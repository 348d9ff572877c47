package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metrics line, byte for byte: CloudWatch reads its directives as they are written. */
class EmfWriterTest {

  @Test
  void render_withDetector_exactLine() {
    InvocationMetrics m = new InvocationMetrics("fn-\"x\"", "req-1");
    m.inspected(11_790_175);
    m.detected("sqli");
    m.blocked("sqli");
    assertThat(EmfWriter.render(m, 1795360158275L)).isEqualTo(
        "{\"_aws\":{\"Timestamp\":1795360158275," +
        "\"CloudWatchMetrics\":[{\"Namespace\":\"Warden\",\"Dimensions\":[[\"FunctionName\"]," +
        "[\"FunctionName\",\"Detector\"]],\"Metrics\":[{\"Name\":\"Inspected\"," +
        "\"Unit\":\"Count\"},{\"Name\":\"Detected\",\"Unit\":\"Count\"},{\"Name\":\"Blocked\"," +
        "\"Unit\":\"Count\"},{\"Name\":\"EgressDenied\",\"Unit\":\"Count\"}," +
        "{\"Name\":\"GuardErrors\",\"Unit\":\"Count\"},{\"Name\":\"InspectionTime\"," +
        "\"Unit\":\"Milliseconds\"}]}]},\"FunctionName\":\"fn-\\\"x\\\"\"," +
        "\"Detector\":\"sqli\",\"Inspected\":1,\"Detected\":1,\"Blocked\":1,\"EgressDenied\":0," +
        "\"GuardErrors\":0,\"InspectionTime\":11.790,\"RequestId\":\"req-1\"}");
  }

  @Test
  void render_nothingFound_exactLine() {
    InvocationMetrics m = new InvocationMetrics("", "");
    m.inspected(5);
    assertThat(EmfWriter.render(m, 1L)).isEqualTo(
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Warden\"," +
        "\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\"Inspected\"," +
        "\"Unit\":\"Count\"},{\"Name\":\"Detected\",\"Unit\":\"Count\"},{\"Name\":\"Blocked\"," +
        "\"Unit\":\"Count\"},{\"Name\":\"EgressDenied\",\"Unit\":\"Count\"}," +
        "{\"Name\":\"GuardErrors\",\"Unit\":\"Count\"},{\"Name\":\"InspectionTime\"," +
        "\"Unit\":\"Milliseconds\"}]}]},\"FunctionName\":\"unknown\",\"Inspected\":1," +
        "\"Detected\":0,\"Blocked\":0,\"EgressDenied\":0,\"GuardErrors\":0," +
        "\"InspectionTime\":0.000}");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"0, 0.000", "499, 0.000", "500, 0.001", "412000, 0.412",
      "999500, 1.000", "11790175, 11.790", "1234567890, 1234.568", "-7, 0.000"})
  void render_inspectionTime_isMillisecondsWithThreeDecimals(long nanos, String expected) {
    InvocationMetrics m = new InvocationMetrics("fn", "r");
    m.inspected(nanos);
    assertThat(EmfWriter.render(m, 1L)).contains("\"InspectionTime\":" + expected + ",");
  }
}
