-- The original scripts produced username but dropped it.
ALTER TABLE user_data ADD COLUMN username varchar(255);

-- The original wrote UTC into zone-less columns; say so, so no reader's zone can shift them.
ALTER TABLE user_data
    ALTER COLUMN registered_date TYPE timestamptz USING registered_date AT TIME ZONE 'UTC',
    ALTER COLUMN timestamp TYPE timestamptz USING timestamp AT TIME ZONE 'UTC';
