-- Who a signing link is for (issue 20 point 4): a guardian away from the applicant signs a
-- member's consent on their own phone. NULL (every link sent before): the member signs their
-- own. The link opens only while the household's consent plan still has this signer signing
-- this member's consent, so changing or unticking the guardian closes it.
ALTER TABLE resident_sign_links ADD COLUMN signer_id TEXT;
