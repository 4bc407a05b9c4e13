-- Each finished attempt's step timings also in one column of its row, as STEP=millis pairs joined by commas
-- (IDENTIFIED=12,CHECKED=3,KEY_CSR=812,…), written by the same UPDATE that records the outcome. A batch
-- report reads them with the attempt: reading them from attempt_steps, eight rows an attempt, was a second
-- of a 100,000-device report (docs/PERFORMANCE.md, "Batch reports"). attempt_steps stays the record a
-- board's trace reads. NULL for attempts finished before this column (their timings are in attempt_steps
-- only) and for abandoned ones, which were never timed.
ALTER TABLE attempts ADD COLUMN step_millis VARCHAR(512);
