-- Administrator invitations name the person invited and who invited them (the mail and the acceptance page show both).
-- IF NOT EXISTS: other invitation kinds may add the same columns.
ALTER TABLE invitation ADD COLUMN IF NOT EXISTS first_name VARCHAR(100);
ALTER TABLE invitation ADD COLUMN IF NOT EXISTS last_name VARCHAR(100);
ALTER TABLE invitation ADD COLUMN IF NOT EXISTS invited_by VARCHAR(100);
ALTER TABLE invitation ADD COLUMN IF NOT EXISTS inviter_name VARCHAR(200);
