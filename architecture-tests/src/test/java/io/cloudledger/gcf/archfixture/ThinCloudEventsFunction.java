package io.cloudledger.gcf.archfixture;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import io.cloudledger.core.dispatch.SyncRequestCodec;
import java.nio.charset.StandardCharsets;

/** Keeps the translation-layer rule: decodes the event and hands it to the core. */
public class ThinCloudEventsFunction implements CloudEventsFunction {
  @Override
  public void accept(CloudEvent event) {
    String body = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    SyncRequestCodec.fromJson(body);
  }
}
