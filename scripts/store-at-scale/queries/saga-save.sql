-- What the saga repository's SaveChanges sends for a step's progress (the optimistic-concurrency update EF Core
-- generates, with the columns a step start changes), on a publication of bench_saga_ids: the cost of every index.
\set k random(1, 10000)
SELECT id AS saga_id, "Version" AS saga_version FROM bench_saga_ids JOIN publications ON "CorrelationId" = id WHERE n = :k \gset
UPDATE publications SET "Attempts" = "Attempts" + 1, "CurrentState" = 'PublishingPage', "CurrentStep" = 'PublishReportPage',
    "StepStartedAt" = now(), "UpdatedAt" = now(), "History" = "History" || '', "Version" = :saga_version + 1
WHERE "CorrelationId" = ':saga_id'::uuid AND "Version" = :saga_version;
