package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.normalize.PercentDecoder;

/**
 * Amazon S3 event notifications: the object key of each record ({@code s3[0].object.key}). Whoever
 * uploads the object chooses the key (path traversal, injection into whatever the function builds
 * from it). S3 sends the key URL-encoded with {@code +} for a space (AWS S3 User Guide, "Event
 * message structure": "The s3 key provides information about the bucket and object involved in the
 * event. The object key name value is URL encoded"), so Warden decodes it once, as the function
 * would, before inspection. Bucket names belong to the account and are not inspected.
 */
final class S3Extractor implements Extractor<S3Event> {

  @Override
  public Class<S3Event> type() {
    return S3Event.class;
  }

  @Override
  public String trigger() {
    return "s3";
  }

  @Override
  public void extract(S3Event e, InputCollector out) {
    if (e.getRecords() == null) {
      return;
    }
    int i = 0;
    for (S3EventNotification.S3EventNotificationRecord r : e.getRecords()) {
      if (out.full()) {
        return;
      }
      String path = "s3[" + i++ + "].object.key";
      if (r == null || r.getS3() == null || r.getS3().getObject() == null) {
        continue;
      }
      out.value(Source.OBJECT_KEY, path, decodeKey(r.getS3().getObject().getKey()));
    }
  }

  /**
   * {@code +} to space, then percent-decoding. Not {@code URLDecoder}: it throws on a malformed
   * escape (the uploader picks the key), and {@link PercentDecoder} leaves those as they are.
   */
  static String decodeKey(String key) {
    if (key == null || (key.indexOf('%') < 0 && key.indexOf('+') < 0)) {
      return key;
    }
    return new PercentDecoder().decode(key.replace('+', ' '));
  }
}
