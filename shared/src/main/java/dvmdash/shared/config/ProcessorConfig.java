package dvmdash.shared.config;

import io.vertx.core.json.JsonObject;

/**
 * Batch processor settings: a batch is flushed when it holds {@code batchSize} events or after {@code maxWaitMs};
 * up to {@code parallelBatches} batches are processed at once. {@code healthStallSeconds}: on a node reading the Redis
 * queue, work handed to the processor this long without any commit turns {@code /health} to 503.
 */
public record ProcessorConfig(int batchSize, long maxWaitMs, int parallelBatches, long healthStallSeconds) {

  public static final String HEALTH_STALL_SECONDS = "health_stall_seconds";

  public ProcessorConfig(int batchSize, long maxWaitMs, int parallelBatches) {
    this(batchSize, maxWaitMs, parallelBatches, 180);
  }

  public static ProcessorConfig fromJson(JsonObject json) {
    int size = json.getInteger("batch_size", 2000);
    long wait = json.getLong("batch_max_wait_ms", 200L);
    int parallel = json.getInteger("parallel_batches", 2);
    if (parallel < 1 || parallel > 8) {
      throw new IllegalArgumentException("processor.parallel_batches must be 1..8, got " + parallel);
    }
    if (size < 1 || size > 100_000) {
      throw new IllegalArgumentException("processor.batch_size must be 1..100000, got " + size);
    }
    if (wait < 1) {
      throw new IllegalArgumentException("processor.batch_max_wait_ms must be positive, got " + wait);
    }
    long stall = json.getLong(HEALTH_STALL_SECONDS, 180L);
    if (stall < 60) {
      throw new IllegalArgumentException("processor.health_stall_seconds must be >= 60, got " + stall);
    }
    return new ProcessorConfig(size, wait, parallel, stall);
  }

  public JsonObject toJson() {
    return new JsonObject().put("batch_size", batchSize).put("batch_max_wait_ms", maxWaitMs)
        .put("parallel_batches", parallelBatches).put(HEALTH_STALL_SECONDS, healthStallSeconds);
  }
}
