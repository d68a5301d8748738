package dev.boocontrol.contracts.events;

import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Topics;
import java.util.List;

/** The event types of {@code fleet.captures} (the capture vault's feed). */
public final class CaptureEvents {

  public static final EventType<CaptureRecorded> CAPTURE_RECORDED =
      new EventType<>("capture.recorded", Topics.FLEET_CAPTURES, CaptureRecorded.class);

  public static final List<EventType<?>> ALL = List.of(CAPTURE_RECORDED);

  private CaptureEvents() {}
}
