-- SnapshotRetentionPurge.PurgeOnce's read (SnapshotsFor 90 days), as EF Core generates it; the update then goes by these ids.
SELECT p."CorrelationId"
FROM publications AS p
WHERE p."PurgedAt" IS NULL AND p."CurrentState" IN ('Published', 'Failed', 'Cancelled') AND p."UpdatedAt" < now() - interval '90 days'
ORDER BY p."UpdatedAt"
LIMIT 500;
