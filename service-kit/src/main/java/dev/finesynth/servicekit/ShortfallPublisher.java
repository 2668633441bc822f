package dev.finesynth.servicekit;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Keys;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.Shortfall;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Tells the dataset sink which triplets a query will not yield, on {@code shortfalls}: the miner's
 * queries with fewer candidates than asked, and bad records of runs that skip them.
 */
@ApplicationScoped
public class ShortfallPublisher {
  private static final int MAX_REASON = 500;

  @Inject EventCodec codec;

  @Inject
  @Channel("shortfalls")
  Emitter<Record<String, String>> emitter;

  public CompletableFuture<Void> send(Shortfall shortfall) {
    return emitter.send(Record.of(shortfall.key(), codec.encode(shortfall))).toCompletableFuture();
  }

  /** A bad record of {@code run}, keyed {@code runId/queryId}: the query's triplets are lost. */
  public void badRecord(RunSpec run, String key, String reason, String stage) {
    String queryId =
        key.length() > run.runId().length() + 1 ? key.substring(run.runId().length() + 1) : key;
    String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    send(
        Shortfall.of(
            run.runId(),
            Keys.owner(queryId),
            stage,
            run.numRelations() - 1,
            "bad record skipped: " + shortReason));
  }
}
