-- When a runner last proved it is alive (epoch milliseconds). NULL means "never sent a heartbeat":
-- its start_time stands in, so runners that do not send heartbeats (torc's own) still have a time.
ALTER TABLE compute_node ADD COLUMN last_heartbeat INTEGER;
