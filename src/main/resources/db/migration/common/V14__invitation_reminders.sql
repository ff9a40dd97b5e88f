-- When the reminder before an invitation's expiry was queued (at most one per invitation).
ALTER TABLE invitation ADD COLUMN IF NOT EXISTS reminded_at TIMESTAMP WITH TIME ZONE;
