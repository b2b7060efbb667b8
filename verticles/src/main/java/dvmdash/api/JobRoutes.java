package dvmdash.api;

import dvmdash.jobs.JobFilter;
import dvmdash.jobs.JobGraphJson;
import dvmdash.jobs.JobLoader;
import dvmdash.jobs.JobStatus;
import dvmdash.jobs.RecentJobs;
import dvmdash.jobs.ShownRequesters;
import dvmdash.store.JobStatusRepository;
import dvmdash.store.RawEventStore;
import io.vertx.ext.web.Router;
import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The job debugger: one job's graph, timeline and diagnosis, and the recent jobs with their status (both answers are
 * shared between requests like the stats answers: {@link AnswerCache}).
 */
public final class JobRoutes {

  private final JobLoader loader;
  private final RecentJobs recent;
  private final AnswerCache answers;
  private final LongSupplier nowSeconds;
  private final RequesterNames names;

  public JobRoutes(RawEventStore events, JobStatusRepository jobs, AnswerCache answers, LongSupplier nowSeconds,
                   RequesterNames names) {
    this.loader = new JobLoader(events);
    this.recent = new RecentJobs(jobs, events);
    this.answers = answers;
    this.nowSeconds = nowSeconds;
    this.names = names;
  }

  public void mount(Router router) {
    router.get("/api/jobs/:id").handler(StatsRoutes.guard(ctx -> {
      String id = Params.hex64(ctx.pathParam("id"), "id");
      // shared like the list: a graph depends only on stored events, and a commit of new ones renews it
      Replies.encoded(ctx, answers.answer(ctx.request(), nowSeconds.getAsLong(),
          () -> loader.load(id).map(g -> g == null ? null : JobGraphJson.of(g))
              .compose(doc -> names.attach(doc, ShownRequesters.ofJob(doc)))),
          "no job request, feedback, result or zap with id " + id);
    }));
    router.get("/api/jobs").handler(StatsRoutes.guard(ctx -> {
      String kind = ctx.request().getParam("kind");
      JobFilter f = new JobFilter(
          kind == null || kind.isEmpty() ? null : Params.requestKind(kind),
          Params.optionalHex64(ctx, "dvm"),
          Params.optionalHex64(ctx, "user"),
          status(ctx.request().getParam("status")),
          Params.optionalLong(ctx, "until"),
          Params.intOr(ctx, "limit", 50, 1, 500));
      // a shared answer names its requesters as computed; a fetched kind 0 commits a batch, which renews it
      Replies.encoded(ctx, answers.answer(ctx.request(), nowSeconds.getAsLong(),
          () -> recent.list(f).compose(list -> names.attach(list, ShownRequesters.ofJobList(list)))), "no data");
    }));
  }

  private static JobStatus status(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    JobStatus s = JobStatus.parse(value);
    if (s == null) {
      throw new BadRequestException("status must be one of " + Arrays.stream(JobStatus.values())
          .map(JobStatus::wire).collect(Collectors.joining(", ")));
    }
    return s;
  }
}
