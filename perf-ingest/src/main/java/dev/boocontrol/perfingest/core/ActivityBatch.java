package dev.boocontrol.perfingest.core;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.EpochStarted;
import dev.boocontrol.contracts.events.FleetEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One poll of {@code fleet.activity}, sorted into what the sink writes in one transaction: the
 * epochs first (announced ones, and any a row refers to, in case its announcement was lost), then
 * the rows. Records that are not envelopes are only counted; envelopes whose payload does not
 * decode are rejected with a reason (for the dead-letter topic); other types are ignored.
 *
 * @param epochs one per (host, epoch), announcements winning over epochs only seen in a row
 * @param rows activity rows in arrival order
 * @param rejected envelopes that cannot be written, with why
 * @param undecodable records that were not event envelopes at all
 */
public record ActivityBatch(
    List<EpochStarted> epochs,
    List<ActivityRecorded> rows,
    List<Rejected> rejected,
    int undecodable) {

  /** Reason recorded for an epoch first learnt from one of its rows. */
  public static final String EPOCH_FROM_ROW = "first seen in activity";

  /** An envelope the sink cannot write, and why. */
  public record Rejected(EventEnvelope envelope, String reason) {}

  public static ActivityBatch of(List<EventEnvelope> records) {
    Map<String, EpochStarted> epochs = new LinkedHashMap<>();
    List<ActivityRecorded> rows = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    int undecodable = 0;
    for (EventEnvelope envelope : records) {
      if (envelope == null) {
        undecodable++;
        continue;
      }
      try {
        if (envelope.is(FleetEvents.EPOCH_STARTED)) {
          EpochStarted e = envelope.payload(FleetEvents.EPOCH_STARTED).orElseThrow();
          epochs.put(e.hostId() + "/" + e.epoch(), e);
        } else if (envelope.is(FleetEvents.ACTIVITY_RECORDED)) {
          ActivityRecorded a = envelope.payload(FleetEvents.ACTIVITY_RECORDED).orElseThrow();
          epochs.putIfAbsent(
              a.hostId() + "/" + a.epoch(),
              new EpochStarted(a.hostId(), a.epoch(), a.epochCapturedAt(), EPOCH_FROM_ROW));
          rows.add(a);
        }
      } catch (IllegalArgumentException e) {
        rejected.add(new Rejected(envelope, "payload does not decode: " + e.getMessage()));
      }
    }
    return new ActivityBatch(List.copyOf(epochs.values()), rows, rejected, undecodable);
  }

  /** Whether there is anything to write. */
  public boolean writesNothing() {
    return epochs.isEmpty() && rows.isEmpty();
  }
}
