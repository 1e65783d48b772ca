-- PublicationStateGauges' two reads on each metrics scrape (counts by state, the oldest unsettled change), as EF Core
-- generates them: not a query issue 16 asks for, measured so the figure is known.
-- executions: 20
SELECT p."CurrentState" AS "State", count(*)::int AS "Count"
FROM publications AS p
GROUP BY p."CurrentState";
SELECT p."UpdatedAt"
FROM publications AS p
WHERE p."CurrentState" NOT IN ('Published', 'Failed', 'Cancelled')
ORDER BY p."UpdatedAt"
LIMIT 1;
