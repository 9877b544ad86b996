-- Which node of a cluster routes a pending mail (docs/cluster.md): the node's id and the end of its
-- lease; past it, or once released (both null), any node may claim the job. A single node never claims.
ALTER TABLE routing_jobs ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE routing_jobs ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
