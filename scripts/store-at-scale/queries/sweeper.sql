-- StuckPublicationSweeper.SweepOnce (StuckAfter 15 min), as EF Core generates it.
SELECT p."CorrelationId"
FROM publications AS p
WHERE p."CurrentState" IN ('ResolvingSpace', 'EnsuringParentPage', 'PublishingPage', 'UploadingPdf', 'MarkingIncomplete') AND p."UpdatedAt" < now() - interval '15 minutes' AND (p."StepHeartbeatAt" IS NULL OR p."StepHeartbeatAt" < now() - interval '15 minutes')
ORDER BY p."UpdatedAt"
LIMIT 100;
